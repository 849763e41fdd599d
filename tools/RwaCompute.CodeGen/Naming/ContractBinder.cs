using System.Globalization;
using RwaCompute.CodeGen.Model;

namespace RwaCompute.CodeGen.Naming;

/// <summary>
/// Decides every C# name for a contract: struct classes, overload names, property and parameter names, clash
/// resolution. The rules are in docs/CODEGEN.md ("Naming"); in short, names derive from Solidity names and types
/// only, items are visited in sorted order, and clashes get 2, 3, … appended.
/// </summary>
public static class ContractBinder
{
    /// <summary>Binds a contract.</summary>
    /// <param name="contract">The contract model.</param>
    /// <param name="rootNamespace">The namespace the user chose; the contract gets <c>root.ContractName</c>.</param>
    /// <returns>The names to emit.</returns>
    public static ContractBinding Bind(ContractDefinition contract, string rootNamespace)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(rootNamespace);
        var prefix = IdentifierConverter.ToPascalCase(contract.Name) ?? "Contract";
        var types = new NameScope(RuntimeTypeNames.Reserved);
        foreach (var suffix in new[] { "Deployment", "Service", "ErrorDecoder", "EventTable" })
        {
            types.Reserve(prefix + suffix);
            types.Reserve(prefix + suffix + "Base");
        }

        var enums = BindEnums(contract, types);
        var enumClass = enums.ToDictionary(e => e.Definition.CanonicalName, e => e.ClassName, StringComparer.Ordinal);
        var structs = BindStructs(contract, types, enumClass, out var classOf);
        var mapper = new TypeMapper(t => classOf[t.Key], enumClass);

        var constructorInputs = contract.Constructor is null
            ? []
            : BindProperties(
                contract.Constructor.Inputs,
                mapper,
                [.. RuntimeTypeNames.ObjectMembers, .. RuntimeTypeNames.MessageMembers, .. RuntimeTypeNames.DeploymentMembers, prefix + "Deployment", prefix + "DeploymentBase"],
                "Arg");

        var functionNames = OverloadNaming.BaseNames(contract.Functions, f => f.Name, f => f.Inputs);
        var functions = new List<FunctionBinding>();
        foreach (var function in contract.Functions)
        {
            var baseName = types.AllocateGroup(functionNames[function], FunctionBinding.TypeNames);
            var inputs = BindProperties(
                function.Inputs,
                mapper,
                [.. RuntimeTypeNames.ObjectMembers, .. RuntimeTypeNames.MessageMembers, .. FunctionBinding.TypeNames(baseName)],
                "Arg");
            var outputs = BindProperties(
                function.Outputs,
                mapper,
                [.. RuntimeTypeNames.ObjectMembers, .. FunctionBinding.TypeNames(baseName)],
                "ReturnValue");
            functions.Add(new FunctionBinding(function, baseName, inputs, outputs, ShapeOf(function)));
        }

        var eventNames = OverloadNaming.BaseNames(contract.Events, e => e.Name, e => e.Inputs);
        var events = new List<EventBinding>();
        foreach (var abiEvent in contract.Events)
        {
            var baseName = types.AllocateGroup(eventNames[abiEvent], EventBinding.TypeNames);
            var properties = BindProperties(
                abiEvent.Inputs,
                mapper,
                [.. RuntimeTypeNames.ObjectMembers, .. EventBinding.TypeNames(baseName)],
                "Arg");
            events.Add(new EventBinding(abiEvent, baseName, properties));
        }

        var errors = new List<ErrorBinding>();
        foreach (var error in contract.Errors)
        {
            var baseName = types.AllocateGroup(IdentifierConverter.ToPascalCase(error.Name) ?? "Unnamed", ErrorBinding.TypeNames);
            var properties = BindProperties(
                error.Inputs,
                mapper,
                [.. RuntimeTypeNames.ObjectMembers, .. ErrorBinding.TypeNames(baseName)],
                "Arg");
            errors.Add(new ErrorBinding(error, baseName, properties));
        }

        return new ContractBinding(
            contract,
            rootNamespace,
            rootNamespace + "." + prefix,
            prefix,
            constructorInputs,
            enums,
            structs,
            functions,
            events,
            errors);
    }

    private static ReturnShape ShapeOf(AbiFunction function) => function.Outputs.Count switch
    {
        0 => ReturnShape.None,
        1 => NeedsOutputClass(function.Outputs[0].Type) ? ReturnShape.SingleThroughOutput : ReturnShape.OneValue,
        _ => ReturnShape.Multiple,
    };

    /// <summary>Structs, struct arrays and arrays of arrays decode reliably only through an output DTO.</summary>
    private static bool NeedsOutputClass(AbiType type) =>
        ContainsTuple(type) || type is ArrayType { Element: ArrayType };

    private static bool ContainsTuple(AbiType type) => type switch
    {
        TupleType => true,
        ArrayType array => ContainsTuple(array.Element),
        _ => false,
    };

    /// <summary>One C# enum per resolved Solidity enum: the plain name, or scope + name when two enums share it.</summary>
    private static List<EnumBinding> BindEnums(ContractDefinition contract, NameScope types)
    {
        var shortNameUses = contract.Enums
            .GroupBy(e => e.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var result = new List<EnumBinding>();
        foreach (var definition in contract.Enums)
        {
            var wanted = shortNameUses[definition.Name] > 1
                ? string.Concat(definition.CanonicalName.Split('.').Select(s => IdentifierConverter.ToPascalCase(s) ?? string.Empty))
                : IdentifierConverter.ToPascalCase(definition.Name) ?? "Enum";
            var className = types.Allocate(wanted);
            var members = new NameScope([className, .. RuntimeTypeNames.ObjectMembers]);
            result.Add(new EnumBinding(
                definition,
                className,
                [.. definition.Members.Select((m, i) => (members.Allocate(IdentifierConverter.ToPascalCase(m.Name) ?? "Member" + i.ToString(CultureInfo.InvariantCulture)), i, m))]));
        }

        return result;
    }

    private static List<StructBinding> BindStructs(
        ContractDefinition contract,
        NameScope types,
        IReadOnlyDictionary<string, string> enumClass,
        out Dictionary<string, string> classOf)
    {
        // Every distinct tuple, in a deterministic discovery order, with the parameter name it was first seen under.
        var found = new Dictionary<string, (TupleType Tuple, string Context)>(StringComparer.Ordinal);
        var order = new List<string>();
        void Visit(AbiParameter parameter, string unnamedContext)
        {
            var type = parameter.Type;
            while (type is ArrayType array)
            {
                type = array.Element;
            }

            if (type is TupleType tuple)
            {
                if (!found.ContainsKey(tuple.Key))
                {
                    found[tuple.Key] = (tuple, parameter.Name.Length > 0 ? parameter.Name : unnamedContext);
                    order.Add(tuple.Key);
                }

                for (var i = 0; i < tuple.Components.Count; i++)
                {
                    Visit(tuple.Components[i], unnamedContext + "Arg" + (i + 1).ToString(CultureInfo.InvariantCulture));
                }
            }
        }

        // Anonymous tuples (ABI without internalType) are named after the parameter they are first met under,
        // or, when that is unnamed too, after its owner and position (OuterReturnValue1).
        void VisitAll(string owner, IReadOnlyList<AbiParameter> parameters, string unnamedPrefix)
        {
            for (var i = 0; i < parameters.Count; i++)
            {
                Visit(parameters[i], owner + "_" + unnamedPrefix + (i + 1).ToString(CultureInfo.InvariantCulture));
            }
        }

        VisitAll("Constructor", contract.Constructor?.Inputs ?? [], "Arg");
        foreach (var function in contract.Functions)
        {
            VisitAll(function.Name, function.Inputs, "Arg");
            VisitAll(function.Name, function.Outputs, "ReturnValue");
        }

        foreach (var abiEvent in contract.Events)
        {
            VisitAll(abiEvent.Name, abiEvent.Inputs, "Arg");
        }

        foreach (var error in contract.Errors)
        {
            VisitAll(error.Name, error.Inputs, "Arg");
        }

        // Named structs first (sorted by qualified name), then anonymous tuples in discovery order.
        var shortNameUses = found.Values
            .Where(v => v.Tuple.StructName is not null)
            .GroupBy(v => ShortName(v.Tuple.StructName!), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var sequence = order
            .Select(key => found[key])
            .OrderBy(v => v.Tuple.StructName is null ? 1 : 0)
            .ThenBy(v => v.Tuple.StructName ?? string.Empty, StringComparer.Ordinal)
            .ThenBy(v => order.IndexOf(v.Tuple.Key))
            .ToList();

        var classes = new Dictionary<string, string>(StringComparer.Ordinal);
        classOf = classes;
        var named = new List<(TupleType Tuple, string ClassName)>();
        foreach (var (tuple, context) in sequence)
        {
            string wanted;
            if (tuple.StructName is { } qualified)
            {
                var shortName = ShortName(qualified);
                wanted = shortNameUses[shortName] > 1
                    ? string.Concat(qualified.Split('.').Select(s => IdentifierConverter.ToPascalCase(s) ?? string.Empty))
                    : IdentifierConverter.ToPascalCase(shortName) ?? "Struct";
            }
            else
            {
                wanted = (IdentifierConverter.ToPascalCase(context) ?? string.Empty) + "Tuple";
            }

            var className = types.AllocateGroup(wanted, n => [n, n + "Base"]);
            classes[tuple.Key] = className;
            named.Add((tuple, className));
        }

        var mapper = new TypeMapper(t => classes[t.Key], enumClass);
        return
        [
            .. named
                .Select(n => new StructBinding(
                    n.Tuple,
                    n.ClassName,
                    n.Tuple.StructName is { } q ? ShortName(q) : n.ClassName,
                    n.Tuple.StructName,
                    BindProperties(n.Tuple.Components, mapper, [.. RuntimeTypeNames.ObjectMembers, .. RuntimeTypeNames.StructMembers, n.ClassName, n.ClassName + "Base"], "Arg")))
                .OrderBy(s => s.ClassName, StringComparer.Ordinal),
        ];
    }

    private static string ShortName(string qualified) => qualified[(qualified.LastIndexOf('.') + 1)..];

    private static List<PropertyBinding> BindProperties(
        IReadOnlyList<AbiParameter> parameters,
        TypeMapper mapper,
        IEnumerable<string> reserved,
        string unnamedPrefix)
    {
        var properties = new NameScope(reserved);
        var arguments = new NameScope(RuntimeTypeNames.ServiceArguments);
        var result = new List<PropertyBinding>(parameters.Count);
        for (var i = 0; i < parameters.Count; i++)
        {
            var parameter = parameters[i];
            var order = i + 1;
            var wanted = IdentifierConverter.ToPascalCase(parameter.Name)
                ?? unnamedPrefix + order.ToString(CultureInfo.InvariantCulture);
            var propertyName = properties.Allocate(wanted);

            // Arguments follow the Solidity name, not the property (a property renamed for a clash with a
            // Nethereum member, such as Nonce2, still takes a `nonce` argument).
            var argumentName = CSharpKeywords.Escape(arguments.Allocate(IdentifierConverter.ToCamelCase(wanted)));
            // Nethereum decodes a hashed topic only into a string property, but computes the event signature of a
            // struct parameter from its class: indexed structs keep the class (right signature, see CODEGEN.md).
            var hashed = parameter.Indexed && parameter.Type.IsHashedWhenIndexed && !ContainsTuple(parameter.Type);
            var enumType = hashed ? null : mapper.EnumOf(parameter);
            result.Add(new PropertyBinding(
                parameter,
                order,
                propertyName,
                argumentName,
                hashed ? "string" : enumType ?? mapper.Map(parameter.Type),
                hashed || enumType is not null ? (hashed ? "string.Empty" : null) : TypeMapper.Initializer(parameter.Type),
                hashed,
                enumType is not null || (!hashed && TypeMapper.IsValueType(parameter.Type))));
        }

        return result;
    }
}
