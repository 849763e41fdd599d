using RwaCompute.CodeGen.Model;

namespace RwaCompute.CodeGen.Naming;

/// <summary>Every C# name generated for one contract: what the emitters write.</summary>
/// <param name="Contract">The contract model.</param>
/// <param name="RootNamespace">The namespace the user chose (common types live there).</param>
/// <param name="Namespace">The contract's namespace (<c>Root.ContractName</c>).</param>
/// <param name="TypePrefix">The PascalCase contract name that prefixes the contract-level types.</param>
/// <param name="ConstructorInputs">The deployment message's properties.</param>
/// <param name="Enums">C# enums for the Solidity enums the ABI refers to (resolved from an AST), by canonical name.</param>
/// <param name="Structs">Struct classes, sorted by class name.</param>
/// <param name="Functions">Functions, in model order (sorted by Solidity name and signature).</param>
/// <param name="Events">Events, in model order.</param>
/// <param name="Errors">Errors, in model order.</param>
public sealed record ContractBinding(
    ContractDefinition Contract,
    string RootNamespace,
    string Namespace,
    string TypePrefix,
    IReadOnlyList<PropertyBinding> ConstructorInputs,
    IReadOnlyList<EnumBinding> Enums,
    IReadOnlyList<StructBinding> Structs,
    IReadOnlyList<FunctionBinding> Functions,
    IReadOnlyList<EventBinding> Events,
    IReadOnlyList<ErrorBinding> Errors)
{
    /// <summary>The deployment message class.</summary>
    public string DeploymentClass => TypePrefix + "Deployment";

    /// <summary>The service class.</summary>
    public string ServiceClass => TypePrefix + "Service";

    /// <summary>The static class listing the contract's events by topic 0.</summary>
    public string EventTableClass => TypePrefix + "EventTable";

    /// <summary>The revert decoder class.</summary>
    public string DecoderClass => TypePrefix + "ErrorDecoder";

    /// <summary>Whether the contract can be deployed from this input (it carries creation bytecode).</summary>
    public bool IsDeployable => Contract.Bytecode is not null;
}
