using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RwaCompute.CodeGen.Model;

namespace RwaCompute.CodeGen.Parsing;

/// <summary>
/// Reads a forge artifact (<c>{"abi": [...], "bytecode": {"object": "0x…"}, "metadata": {...}}</c>), a
/// Hardhat-style artifact (<c>"bytecode": "0x…"</c>) or a plain ABI array into a <see cref="ContractDefinition"/>.
/// Every problem is reported as a <see cref="CodeGenInputException"/> naming the file and the JSON path.
/// </summary>
public static class ArtifactParser
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 256 };

    /// <summary>Reads and parses an input file.</summary>
    /// <param name="filePath">The file to read.</param>
    /// <param name="sourcePath">How to name the file in messages and headers (relative, forward slashes).</param>
    /// <returns>The contract.</returns>
    /// <exception cref="CodeGenInputException">The file cannot be read or is malformed.</exception>
    public static ContractDefinition ParseFile(string filePath, string sourcePath)
    {
        ArgumentNullException.ThrowIfNull(filePath);
        string json;
        try
        {
            json = File.ReadAllText(filePath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CodeGenInputException(CodeGenDiagnostic.UnreadableFile, sourcePath, null, "cannot read file: " + ex.Message, ex);
        }

        return Parse(json, sourcePath, ContractNameFromFile(filePath));
    }

    /// <summary>Parses artifact or ABI JSON text.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="sourcePath">How to name the input in messages and headers.</param>
    /// <param name="contractName">The contract name (by default taken from a <c>contractName</c> property, else
    /// from <paramref name="sourcePath"/>).</param>
    /// <returns>The contract.</returns>
    /// <exception cref="CodeGenInputException">The JSON is malformed or is not an artifact/ABI.</exception>
    public static ContractDefinition Parse(string json, string sourcePath, string? contractName = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(sourcePath);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            var line = (ex.LineNumber ?? 0) + 1;
            var column = (ex.BytePositionInLine ?? 0) + 1;
            throw new CodeGenInputException(
                CodeGenDiagnostic.InvalidJson,
                sourcePath,
                null,
                string.Create(CultureInfo.InvariantCulture, $"invalid JSON at line {line}, column {column}: {FirstSentence(ex.Message)}"),
                ex);
        }

        using (document)
        {
            return new Reader(sourcePath).Read(document.RootElement, contractName ?? ContractNameFromFile(sourcePath));
        }
    }

    /// <summary>The contract name a file stands for: <c>out/A.sol/Token.json</c> → <c>Token</c>,
    /// <c>Token.abi.json</c> → <c>Token</c>.</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The contract name.</returns>
    public static string ContractNameFromFile(string path)
    {
        var name = Path.GetFileName(path);
        foreach (var suffix in new[] { ".json", ".abi" })
        {
            if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                name = name[..^suffix.Length];
            }
        }

        return name;
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).Trim().TrimEnd('.');
    }

    /// <summary>One parse: carries the file name for error messages.</summary>
    private sealed class Reader(string file)
    {
        private NatSpec natSpec = NatSpec.Empty;

        public ContractDefinition Read(JsonElement root, string fileContractName)
        {
            using var consumedDocs = new MemoryStream();
            JsonElement abi;
            string abiPath;
            string? bytecode = null;
            IReadOnlyList<EnumDefinition> declaredEnums = [];
            var name = fileContractName;
            if (root.ValueKind == JsonValueKind.Array)
            {
                abi = root;
                abiPath = "$";
            }
            else if (root.ValueKind == JsonValueKind.Object)
            {
                if (!root.TryGetProperty("abi", out abi))
                {
                    throw Error(CodeGenDiagnostic.NotAnArtifact, "$", "missing \"abi\" (expected a forge/Hardhat artifact with an \"abi\" array, or a plain ABI array)");
                }

                abiPath = "$.abi";
                if (abi.ValueKind != JsonValueKind.Array)
                {
                    throw Error(CodeGenDiagnostic.NotAnArtifact, abiPath, $"\"abi\" must be an array, found {Describe(abi)}");
                }

                bytecode = ReadBytecode(root);
                if (root.TryGetProperty("contractName", out var cn) && cn.ValueKind == JsonValueKind.String
                    && !string.IsNullOrWhiteSpace(cn.GetString()))
                {
                    name = cn.GetString()!;
                }

                using (var docsWriter = new Utf8JsonWriter(consumedDocs, new JsonWriterOptions { Indented = false, SkipValidation = true }))
                {
                    natSpec = NatSpec.Read(root, docsWriter);
                }

                if (root.TryGetProperty("ast", out var ast))
                {
                    declaredEnums = AstEnums.Read(ast);
                }
            }
            else
            {
                throw Error(CodeGenDiagnostic.NotAnArtifact, "$", $"missing \"abi\": expected an artifact object or an ABI array, found {Describe(root)}");
            }

            if (!IsSolidityIdentifier(name))
            {
                throw Error(CodeGenDiagnostic.InvalidContractName, null, $"contract name '{name}' (from the file name) is not a Solidity identifier");
            }

            AbiConstructor? constructor = null;
            var functions = new List<AbiFunction>();
            var events = new List<AbiEvent>();
            var errors = new List<AbiError>();
            var index = 0;
            foreach (var item in abi.EnumerateArray())
            {
                var path = string.Create(CultureInfo.InvariantCulture, $"{abiPath}[{index}]");
                index++;
                if (item.ValueKind != JsonValueKind.Object)
                {
                    throw Error(CodeGenDiagnostic.MalformedAbi, path, $"ABI entry must be an object, found {Describe(item)}");
                }

                var kind = OptionalString(item, path, "type") ?? "function";
                switch (kind)
                {
                    case "function":
                        functions.Add(ReadFunction(item, path));
                        break;
                    case "constructor":
                        if (constructor is not null)
                        {
                            throw Error(CodeGenDiagnostic.DuplicateAbiEntry, path, "second constructor in the ABI");
                        }

                        constructor = new AbiConstructor(
                            ReadParameters(item, path, "inputs", isEvent: false),
                            ReadMutability(item, path),
                            natSpec.Method("constructor"));
                        break;
                    case "event":
                        events.Add(ReadEvent(item, path));
                        break;
                    case "error":
                        errors.Add(ReadError(item, path));
                        break;
                    case "fallback":
                    case "receive":
                        break;
                    default:
                        throw Error(CodeGenDiagnostic.UnknownAbiEntry, path + ".type", $"unknown ABI entry type '{kind}'");
                }
            }

            CheckUnique(functions.Select(f => f.Signature), abiPath, "function");
            CheckUnique(events.Select(e => e.Signature), abiPath, "event");
            CheckUnique(errors.Select(e => e.Signature), abiPath, "error");

            var contract = new ContractDefinition(
                name,
                file,
                InputHash(abi, bytecode, consumedDocs.ToArray()),
                constructor,
                [.. functions.OrderBy(f => f.Name, StringComparer.Ordinal).ThenBy(f => f.Signature, StringComparer.Ordinal)],
                [.. events.OrderBy(e => e.Name, StringComparer.Ordinal).ThenBy(e => e.Signature, StringComparer.Ordinal)],
                [.. errors.OrderBy(e => e.Name, StringComparer.Ordinal).ThenBy(e => e.Signature, StringComparer.Ordinal)],
                bytecode,
                natSpec.Contract());
            return EnumResolution.WithEnums(contract, declaredEnums);
        }

        /// <summary>SHA-256 over what generation consumed: the ABI (minified), the creation bytecode and the
        /// NatSpec (userdoc, devdoc), newline-separated. Formatting and forge's build-dependent fields (<c>id</c>,
        /// source hashes in the metadata) do not count.</summary>
        private static string InputHash(JsonElement abi, string? bytecode, byte[] docs)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
            {
                abi.WriteTo(writer);
            }

            buffer.WriteByte((byte)'\n');
            var code = Encoding.UTF8.GetBytes(bytecode ?? string.Empty);
            buffer.Write(code, 0, code.Length);
            buffer.WriteByte((byte)'\n');
            buffer.Write(docs, 0, docs.Length);
            return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
        }

        private string? ReadBytecode(JsonElement root)
        {
            if (!root.TryGetProperty("bytecode", out var bytecode))
            {
                return null;
            }

            var path = "$.bytecode";
            if (bytecode.ValueKind == JsonValueKind.Object)
            {
                if (!bytecode.TryGetProperty("object", out bytecode))
                {
                    return null;
                }

                path += ".object";
            }

            if (bytecode.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (bytecode.ValueKind != JsonValueKind.String)
            {
                throw Error(CodeGenDiagnostic.InvalidBytecode, path, $"bytecode must be a hex string, found {Describe(bytecode)}");
            }

            var text = bytecode.GetString()!;
            if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            {
                text = text[2..];
            }

            if (text.Length == 0)
            {
                return null;
            }

            // Unlinked library placeholders (__$…$__) are kept as they are; anything else must be hex.
            foreach (var c in text)
            {
                if (!char.IsAsciiHexDigit(c) && c != '_' && c != '$')
                {
                    throw Error(CodeGenDiagnostic.InvalidBytecode, path, $"bytecode is not hex (found '{c}')");
                }
            }

            return "0x" + text;
        }

        private AbiFunction ReadFunction(JsonElement item, string path)
        {
            var name = RequiredName(item, path);
            var inputs = ReadParameters(item, path, "inputs", isEvent: false);
            var outputs = ReadParameters(item, path, "outputs", isEvent: false);
            var signature = AbiSignature.Of(name, inputs);
            return new AbiFunction(name, inputs, outputs, ReadMutability(item, path), natSpec.Method(signature));
        }

        private AbiEvent ReadEvent(JsonElement item, string path)
        {
            var name = RequiredName(item, path);
            var inputs = ReadParameters(item, path, "inputs", isEvent: true);
            var anonymous = OptionalBool(item, path, "anonymous") ?? false;
            var indexed = inputs.Count(p => p.Indexed);
            if (indexed > (anonymous ? 4 : 3))
            {
                throw Error(CodeGenDiagnostic.TooManyIndexed, path + ".inputs", $"event '{name}' has {indexed} indexed parameters (at most {(anonymous ? 4 : 3)})");
            }

            return new AbiEvent(name, inputs, anonymous, natSpec.Event(AbiSignature.Of(name, inputs)));
        }

        private AbiError ReadError(JsonElement item, string path)
        {
            var name = RequiredName(item, path);
            var inputs = ReadParameters(item, path, "inputs", isEvent: false);
            return new AbiError(name, inputs, natSpec.Error(AbiSignature.Of(name, inputs)));
        }

        private StateMutability ReadMutability(JsonElement item, string path)
        {
            var text = OptionalString(item, path, "stateMutability");
            if (text is null)
            {
                // Pre-0.4.16 ABIs: "constant" and "payable" booleans.
                if (OptionalBool(item, path, "constant") == true)
                {
                    return StateMutability.View;
                }

                return OptionalBool(item, path, "payable") == true ? StateMutability.Payable : StateMutability.NonPayable;
            }

            return text switch
            {
                "pure" => StateMutability.Pure,
                "view" => StateMutability.View,
                "nonpayable" => StateMutability.NonPayable,
                "payable" => StateMutability.Payable,
                _ => throw Error(CodeGenDiagnostic.UnknownMutability, path + ".stateMutability", $"unknown stateMutability '{text}'"),
            };
        }

        private List<AbiParameter> ReadParameters(JsonElement item, string path, string property, bool isEvent)
        {
            var result = new List<AbiParameter>();
            if (!item.TryGetProperty(property, out var array) || array.ValueKind == JsonValueKind.Null)
            {
                return result;
            }

            var arrayPath = path + "." + property;
            if (array.ValueKind != JsonValueKind.Array)
            {
                throw Error(CodeGenDiagnostic.MalformedAbi, arrayPath, $"\"{property}\" must be an array, found {Describe(array)}");
            }

            var index = 0;
            foreach (var parameter in array.EnumerateArray())
            {
                result.Add(ReadParameter(parameter, string.Create(CultureInfo.InvariantCulture, $"{arrayPath}[{index}]"), isEvent));
                index++;
            }

            return result;
        }

        private AbiParameter ReadParameter(JsonElement parameter, string path, bool isEvent)
        {
            if (parameter.ValueKind != JsonValueKind.Object)
            {
                throw Error(CodeGenDiagnostic.MalformedAbi, path, $"parameter must be an object, found {Describe(parameter)}");
            }

            var name = OptionalString(parameter, path, "name") ?? string.Empty;
            if (name.Length > 0 && !IsSolidityIdentifier(name))
            {
                throw Error(CodeGenDiagnostic.InvalidIdentifier, path + ".name", $"'{name}' is not a Solidity identifier");
            }

            var type = OptionalString(parameter, path, "type") ?? throw Error(CodeGenDiagnostic.MalformedAbi, path, "missing \"type\"");
            var internalType = OptionalString(parameter, path, "internalType");
            TupleType? tuple = null;
            if (type.StartsWith("tuple", StringComparison.Ordinal))
            {
                if (!parameter.TryGetProperty("components", out var components) || components.ValueKind != JsonValueKind.Array)
                {
                    throw Error(CodeGenDiagnostic.MalformedAbi, path, $"tuple type '{type}' needs a \"components\" array");
                }

                tuple = new TupleType(ReadParameters(parameter, path, "components", isEvent: false), StructName(internalType));
            }

            AbiType abiType;
            try
            {
                abiType = SolidityTypeParser.Parse(type, tuple);
            }
            catch (FormatException ex)
            {
                throw Error(CodeGenDiagnostic.UnsupportedType, path + ".type", ex.Message);
            }

            var indexed = isEvent && (OptionalBool(parameter, path, "indexed") ?? false);
            return new AbiParameter(name, abiType, indexed, internalType);
        }

        private static string? StructName(string? internalType)
        {
            const string prefix = "struct ";
            if (internalType is null || !internalType.StartsWith(prefix, StringComparison.Ordinal))
            {
                return null;
            }

            var name = internalType[prefix.Length..];
            var bracket = name.IndexOf('[', StringComparison.Ordinal);
            return bracket < 0 ? name : name[..bracket];
        }

        private string RequiredName(JsonElement item, string path)
        {
            var name = OptionalString(item, path, "name");
            if (string.IsNullOrEmpty(name))
            {
                throw Error(CodeGenDiagnostic.MalformedAbi, path, "missing \"name\"");
            }

            if (!IsSolidityIdentifier(name))
            {
                throw Error(CodeGenDiagnostic.InvalidIdentifier, path + ".name", $"'{name}' is not a Solidity identifier");
            }

            return name;
        }

        private string? OptionalString(JsonElement item, string path, string property)
        {
            if (!item.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            return value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : throw Error(CodeGenDiagnostic.MalformedAbi, path + "." + property, $"\"{property}\" must be a string, found {Describe(value)}");
        }

        private bool? OptionalBool(JsonElement item, string path, string property)
        {
            if (!item.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            return value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw Error(CodeGenDiagnostic.MalformedAbi, path + "." + property, $"\"{property}\" must be true or false, found {Describe(value)}"),
            };
        }

        private void CheckUnique(IEnumerable<string> signatures, string path, string kind)
        {
            var duplicate = signatures.GroupBy(s => s, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw Error(CodeGenDiagnostic.DuplicateAbiEntry, path, $"{kind} '{duplicate.Key}' appears twice");
            }
        }

        private CodeGenInputException Error(CodeGenDiagnostic diagnostic, string? path, string message) => new(diagnostic, file, path, message);

        private static string Describe(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            JsonValueKind.Null => "null",
            _ => value.ValueKind.ToString(),
        };

        private static bool IsSolidityIdentifier(string name) =>
            name.Length > 0
            && !char.IsAsciiDigit(name[0])
            && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$');
    }
}
