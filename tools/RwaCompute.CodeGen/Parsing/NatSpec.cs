using System.Text.Json;
using RwaCompute.CodeGen.Model;

namespace RwaCompute.CodeGen.Parsing;

/// <summary>
/// The NatSpec a forge artifact carries in its metadata's <c>output.userdoc</c> (notices) and
/// <c>output.devdoc</c> (parameter texts), looked up by canonical signature. Missing or oddly shaped
/// documentation is ignored: it never fails a generation.
/// </summary>
internal sealed class NatSpec
{
    private readonly Dictionary<string, string> notices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, string>> parameters = new(StringComparer.Ordinal);
    private string? contractNotice;

    private NatSpec()
    {
    }

    public static NatSpec Empty { get; } = new();

    /// <summary>Reads NatSpec from an artifact. Forge's parsed <c>metadata</c> object drops the event and error
    /// docs, so the <c>rawMetadata</c> string is preferred when present.</summary>
    /// <param name="artifact">The artifact's root object.</param>
    /// <param name="consumed">Receives the userdoc and devdoc JSON actually read (for the input hash).</param>
    /// <returns>The documentation.</returns>
    public static NatSpec Read(JsonElement artifact, Utf8JsonWriter consumed)
    {
        foreach (var property in new[] { "rawMetadata", "metadata" })
        {
            if (!artifact.TryGetProperty(property, out var metadata))
            {
                continue;
            }

            if (metadata.ValueKind == JsonValueKind.String)
            {
                try
                {
                    using var parsed = JsonDocument.Parse(metadata.GetString()!);
                    return ReadMetadata(parsed.RootElement, consumed);
                }
                catch (JsonException)
                {
                    continue;
                }
            }

            if (metadata.ValueKind == JsonValueKind.Object)
            {
                return ReadMetadata(metadata, consumed);
            }
        }

        return Empty;
    }

    public Documentation Contract() =>
        contractNotice is null ? Documentation.None : new Documentation(contractNotice, new Dictionary<string, string>());

    public Documentation Method(string signature) => Lookup("methods:" + signature);

    public Documentation Event(string signature) => Lookup("events:" + signature);

    public Documentation Error(string signature) => Lookup("errors:" + signature);

    private static NatSpec ReadMetadata(JsonElement metadata, Utf8JsonWriter consumed)
    {
        if (metadata.ValueKind != JsonValueKind.Object
            || !metadata.TryGetProperty("output", out var output)
            || output.ValueKind != JsonValueKind.Object)
        {
            return Empty;
        }

        var spec = new NatSpec();
        if (output.TryGetProperty("userdoc", out var userdoc) && userdoc.ValueKind == JsonValueKind.Object)
        {
            userdoc.WriteTo(consumed);
            spec.contractNotice = Text(userdoc, "notice");
            foreach (var section in new[] { "methods", "events", "errors" })
            {
                foreach (var (signature, entry) in Entries(userdoc, section))
                {
                    if (Text(entry, "notice") is { } notice)
                    {
                        spec.notices[section + ":" + signature] = notice;
                    }
                }
            }
        }

        if (output.TryGetProperty("devdoc", out var devdoc) && devdoc.ValueKind == JsonValueKind.Object)
        {
            devdoc.WriteTo(consumed);
            foreach (var section in new[] { "methods", "events", "errors" })
            {
                foreach (var (signature, entry) in Entries(devdoc, section))
                {
                    if (entry.TryGetProperty("params", out var ps) && ps.ValueKind == JsonValueKind.Object)
                    {
                        var map = new Dictionary<string, string>(StringComparer.Ordinal);
                        foreach (var p in ps.EnumerateObject())
                        {
                            if (p.Value.ValueKind == JsonValueKind.String)
                            {
                                map[p.Name] = p.Value.GetString()!;
                            }
                        }

                        spec.parameters[section + ":" + signature] = map;
                    }
                }
            }
        }

        return spec;
    }

    /// <summary>Entries of a userdoc/devdoc section; errors map to arrays of entries (one per declaration).</summary>
    private static IEnumerable<(string Signature, JsonElement Entry)> Entries(JsonElement doc, string section)
    {
        if (!doc.TryGetProperty(section, out var map) || map.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        foreach (var property in map.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Object)
            {
                yield return (property.Name, property.Value);
            }
            else if (property.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (var entry in property.Value.EnumerateArray())
                {
                    if (entry.ValueKind == JsonValueKind.Object)
                    {
                        yield return (property.Name, entry);
                        break;
                    }
                }
            }
        }
    }

    private static string? Text(JsonElement entry, string property) =>
        entry.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()!.Trim()
            : null;

    private Documentation Lookup(string key)
    {
        notices.TryGetValue(key, out var notice);
        parameters.TryGetValue(key, out var ps);
        return notice is null && ps is null
            ? Documentation.None
            : new Documentation(notice, ps ?? new Dictionary<string, string>());
    }
}
