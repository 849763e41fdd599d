namespace RwaCompute.CodeGen.Model;

/// <summary>Everything the generator knows about one contract, read from one artifact or ABI file. Functions,
/// events and errors are sorted by name then signature, so the model (and so the output) does not depend on the
/// order of the ABI JSON.</summary>
/// <param name="Name">The contract name (a C# identifier-friendly Solidity name).</param>
/// <param name="SourcePath">The input file, relative to the source root, with forward slashes.</param>
/// <param name="InputSha256">SHA-256 (lower-case hex) of what the generator consumed: the ABI, the creation
/// bytecode and the NatSpec, serialized canonically (see docs/CODEGEN.md).</param>
/// <param name="Constructor">The constructor, if the ABI declares one.</param>
/// <param name="Functions">Functions, sorted.</param>
/// <param name="Events">Events, sorted.</param>
/// <param name="Errors">Custom errors, sorted.</param>
/// <param name="Bytecode">The creation bytecode (0x-prefixed hex), or <see langword="null"/> for plain ABI input,
/// interfaces and abstract contracts.</param>
/// <param name="Documentation">The contract's NatSpec, if any.</param>
public sealed record ContractDefinition(
    string Name,
    string SourcePath,
    string InputSha256,
    AbiConstructor? Constructor,
    IReadOnlyList<AbiFunction> Functions,
    IReadOnlyList<AbiEvent> Events,
    IReadOnlyList<AbiError> Errors,
    string? Bytecode,
    Documentation Documentation)
{
    /// <summary>The enums the ABI refers to through <c>internalType</c> whose definitions were found in a compiler
    /// AST, sorted by canonical name. A parameter of an enum not found here stays its integer type.</summary>
    public IReadOnlyList<EnumDefinition> Enums { get; init; } = [];

    /// <summary>The canonical names (<c>Scope.Name</c>) of every enum the ABI refers to, sorted.</summary>
    public IReadOnlyList<string> ReferencedEnums
    {
        get
        {
            var names = new SortedSet<string>(StringComparer.Ordinal);
            void Visit(IEnumerable<AbiParameter> parameters)
            {
                foreach (var parameter in parameters)
                {
                    if (EnumName(parameter) is { } name)
                    {
                        names.Add(name);
                    }

                    var type = parameter.Type;
                    while (type is ArrayType array)
                    {
                        type = array.Element;
                    }

                    if (type is TupleType tuple)
                    {
                        Visit(tuple.Components);
                    }
                }
            }

            Visit(Constructor?.Inputs ?? []);
            foreach (var function in Functions)
            {
                Visit(function.Inputs);
                Visit(function.Outputs);
            }

            foreach (var abiEvent in Events)
            {
                Visit(abiEvent.Inputs);
            }

            foreach (var error in Errors)
            {
                Visit(error.Inputs);
            }

            return [.. names];
        }
    }

    /// <summary>The canonical enum name a parameter's <c>internalType</c> refers to (<c>enum A.B</c> and
    /// <c>enum A.B[]</c> give <c>A.B</c>), or <see langword="null"/>.</summary>
    /// <param name="parameter">The parameter.</param>
    /// <returns>The name or <see langword="null"/>.</returns>
    public static string? EnumName(AbiParameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        const string prefix = "enum ";
        if (parameter.InternalType is not { } internalType || !internalType.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var name = internalType[prefix.Length..];
        var bracket = name.IndexOf('[', StringComparison.Ordinal);
        return bracket < 0 ? name : name[..bracket];
    }
}
