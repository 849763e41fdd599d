namespace RwaCompute.CodeGen.Naming;

/// <summary>How a function's return values come back from the generated service.</summary>
public enum ReturnShape
{
    /// <summary>No return values.</summary>
    None,

    /// <summary>One simple value, decoded straight from the function attribute's return type.</summary>
    OneValue,

    /// <summary>One value that needs an output DTO to decode (a struct, struct array or nested array); the service
    /// unwraps it.</summary>
    SingleThroughOutput,

    /// <summary>Several values: the service returns the output DTO.</summary>
    Multiple,
}
