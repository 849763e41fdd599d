using RwaCompute.CodeGen.Naming;

namespace RwaCompute.CodeGen.Emitting;

/// <summary>
/// Emits the files of one contract into <c>{Contract}/</c>: deployment, functions, events, errors, enums, structs, the
/// revert decoder and the service. Files with nothing to say (no events…) are not written.
/// </summary>
public static class ContractEmitter
{
    private static readonly string[] MessageUsings =
        ["System", "System.Collections.Generic", "System.Numerics", "Nethereum.ABI.FunctionEncoding.Attributes", "Nethereum.Contracts"];

    // Errors, events and structs reference runtime types (typed exceptions; the event table; EIP-712 hashing).
    private static readonly string[] RuntimeDtoUsings =
        ["System", "System.Collections.Generic", "System.Numerics", "Nethereum.ABI.FunctionEncoding.Attributes", RuntimeTypeNames.Namespace];

    private static readonly string[] ServiceUsings =
    [
        "System", "System.Collections.Generic", "System.Numerics", "System.Threading", "System.Threading.Tasks",
        "Nethereum.Contracts", "Nethereum.RPC.Eth.DTOs", "Nethereum.Web3", RuntimeTypeNames.Namespace,
    ];

    /// <summary>Emits a contract's files.</summary>
    /// <param name="binding">The bound contract.</param>
    /// <returns>The files, in a fixed order.</returns>
    public static IReadOnlyList<GeneratedFile> Emit(ContractBinding binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        var files = new List<GeneratedFile>();
        void Add(string suffix, string[] usings, Action<CodeWriter, ContractBinding> body)
        {
            var writer = new CodeWriter();
            FileHeader.Write(writer, binding.Contract, usings, binding.Namespace);
            body(writer, binding);
            files.Add(new GeneratedFile($"{binding.TypePrefix}/{binding.TypePrefix}{suffix}.g.cs", writer.ToString()));
        }

        if (binding.IsDeployable)
        {
            Add("Deployment", MessageUsings, DeploymentEmitter.Write);
        }

        if (binding.Functions.Count > 0)
        {
            Add("Functions", MessageUsings, FunctionEmitter.Write);
        }

        if (binding.Events.Count > 0)
        {
            Add("Events", RuntimeDtoUsings, EventEmitter.Write);
        }

        if (binding.Errors.Count > 0)
        {
            Add("Errors", RuntimeDtoUsings, ErrorEmitter.Write);
        }

        if (binding.Enums.Count > 0)
        {
            Add("Enums", ["System"], EnumEmitter.Write);
        }

        if (binding.Structs.Count > 0)
        {
            Add("Structs", RuntimeDtoUsings, StructEmitter.Write);
        }

        Add("ErrorDecoder", ["System", RuntimeTypeNames.Namespace], ErrorDecoderEmitter.Write);
        Add("Service", ServiceUsings, ServiceEmitter.Write);
        return files;
    }
}
