namespace RwaCompute.CodeGen.Model;

/// <summary>NatSpec for one ABI item, as the compiler recorded it in the artifact's metadata.</summary>
/// <param name="Notice">The <c>@notice</c> text, if any.</param>
/// <param name="Parameters">The <c>@param</c> texts by parameter name.</param>
public sealed record Documentation(string? Notice, IReadOnlyDictionary<string, string> Parameters)
{
    /// <summary>No documentation.</summary>
    public static Documentation None { get; } = new(null, new Dictionary<string, string>());

    /// <summary>The <c>@param</c> text for <paramref name="name"/>, if any.</summary>
    /// <param name="name">The Solidity parameter name.</param>
    /// <returns>The text, or <see langword="null"/>.</returns>
    public string? ForParameter(string name) => Parameters.TryGetValue(name, out var text) ? text : null;
}
