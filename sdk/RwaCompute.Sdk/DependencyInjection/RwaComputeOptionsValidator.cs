using Microsoft.Extensions.Options;

namespace RwaCompute.Sdk.DependencyInjection;

/// <summary>Checks <see cref="RwaComputeOptions"/> when the host starts (<c>ValidateOnStart</c>) and before the first
/// connection: every failure names the setting.</summary>
internal sealed class RwaComputeOptionsValidator : IValidateOptions<RwaComputeOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, RwaComputeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!Uri.TryCreate(options.RpcUrl, UriKind.Absolute, out var rpc) || (rpc.Scheme != Uri.UriSchemeHttp && rpc.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"{RwaComputeOptions.SectionName}:RpcUrl must be an absolute http(s) URL.");
        }

        if (string.IsNullOrWhiteSpace(options.ManifestPath))
        {
            failures.Add($"{RwaComputeOptions.SectionName}:ManifestPath is not configured.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{RwaComputeOptions.SectionName}:RequestTimeout must be positive.");
        }

        if (string.IsNullOrWhiteSpace(options.HttpClientName))
        {
            failures.Add($"{RwaComputeOptions.SectionName}:HttpClientName must not be empty.");
        }

        Check(failures, "Transactions", () => options.Transactions?.Validate());
        Check(failures, "Retry", () => options.Retry?.Validate());
        if (options.Transactions is null || options.Retry is null)
        {
            failures.Add($"{RwaComputeOptions.SectionName}:Transactions and Retry must not be null.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, string section, Action validate)
    {
        try
        {
            validate();
        }
        catch (ArgumentOutOfRangeException ex)
        {
            failures.Add($"{RwaComputeOptions.SectionName}:{section}:{ex.ParamName} {ex.Message.Split(" (Parameter", 2)[0]}");
        }
    }
}
