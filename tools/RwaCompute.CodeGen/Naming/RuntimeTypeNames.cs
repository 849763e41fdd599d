namespace RwaCompute.CodeGen.Naming;

/// <summary>
/// Names the generated code relies on: the contract-independent runtime types of the compiled
/// RwaCompute.Contracts.Runtime package (imported by a using), and the framework/Nethereum types referenced by
/// simple name. Generated struct and message names must not take any of them, or a reference would bind to the
/// wrong type.
/// </summary>
public static class RuntimeTypeNames
{
    /// <summary>The runtime's namespace (sdk/RwaCompute.Contracts.Runtime).</summary>
    public const string Namespace = "RwaCompute.Contracts.Runtime";

    /// <summary>Root of every exception the runtime and the SDK throw.</summary>
    public const string RootException = "RwaComputeException";

    /// <summary>Base of every typed revert exception.</summary>
    public const string RevertException = "ContractRevertException";

    /// <summary>Base of the per-error typed exceptions.</summary>
    public const string CustomErrorException = "ContractCustomErrorException";

    /// <summary><c>Error(string)</c> reverts (<c>require(cond, "reason")</c>).</summary>
    public const string ReasonException = "ContractRevertReasonException";

    /// <summary><c>Panic(uint256)</c> reverts.</summary>
    public const string PanicException = "ContractPanicException";

    /// <summary>Reverts whose selector the decoder does not know, or that carry no data.</summary>
    public const string UnknownRevertException = "ContractUnknownRevertException";

    /// <summary>Base of the per-contract decoders.</summary>
    public const string ErrorDecoder = "ContractErrorDecoder";

    /// <summary>Base of the per-contract services.</summary>
    public const string ServiceBase = "TypedContractServiceBase";

    /// <summary>One event: name, signature, topic 0, decoder.</summary>
    public const string EventDescriptor = "EventDescriptor";

    /// <summary>A contract's events by topic 0.</summary>
    public const string EventTable = "EventTable";

    /// <summary>Implemented by structs with an EIP-712 type.</summary>
    public const string Eip712Struct = "IEip712Struct";

    /// <summary>EIP-712 hashing helpers.</summary>
    public const string Eip712Encoder = "Eip712Encoder";

    /// <summary>Members the generated struct base declares for EIP-712: no field may take these names.</summary>
    public static IReadOnlyList<string> StructMembers { get; } = ["Eip712Type", "Eip712TypeHash", "Eip712EncodedType", "Eip712HashStruct"];

    /// <summary>All names a generated type must not take.</summary>
    public static IReadOnlyList<string> Reserved { get; } =
    [
        RootException, RevertException, CustomErrorException, ReasonException, PanicException, UnknownRevertException,
        ErrorDecoder, ServiceBase, EventDescriptor, EventTable, Eip712Struct, Eip712Encoder, "RwaCompute",

        // Referenced by simple name in generated files.
        "System", "Nethereum", "Object", "String", "Exception", "Type", "Array", "Func", "List", "Tuple", "ValueTuple", "BigInteger", "Task",
        "CancellationToken", "IWeb3", "TransactionReceipt", "BlockParameter", "EventLog", "FilterLog",
        "ContractDeploymentMessage", "FunctionMessage", "IEventDTO", "IErrorDTO", "IFunctionOutputDTO",
        "ContractWeb3ServiceBase", "Function", "FunctionAttribute", "FunctionOutput", "FunctionOutputAttribute",
        "Event", "EventAttribute", "Error", "ErrorAttribute", "Parameter", "ParameterAttribute", "Struct",
        "StructAttribute", "EventExtensions", "ErrorExtensions",
    ];

    /// <summary>Members of <c>object</c>: no generated property may take these names.</summary>
    public static IReadOnlyList<string> ObjectMembers { get; } =
        ["Equals", "GetHashCode", "GetType", "ToString", "MemberwiseClone", "Finalize", "ReferenceEquals"];

    /// <summary>Properties of Nethereum's <c>ContractMessageBase</c> (function and deployment messages).</summary>
    public static IReadOnlyList<string> MessageMembers { get; } =
    [
        "AmountToSend", "Gas", "GasPrice", "FromAddress", "Nonce", "MaxFeePerGas", "MaxPriorityFeePerGas",
        "TransactionType", "AccessList", "AuthorisationList",
    ];

    /// <summary>Members of a generated deployment message on top of <see cref="MessageMembers"/>.</summary>
    public static IReadOnlyList<string> DeploymentMembers { get; } = ["ByteCode", "DefaultByteCode"];

    /// <summary>Method-parameter names the generated service methods use themselves.</summary>
    public static IReadOnlyList<string> ServiceArguments { get; } =
        ["message", "deployment", "web3", "blockParameter", "fromBlock", "toBlock", "amountToSend", "cancellationToken", "receipt"];
}
