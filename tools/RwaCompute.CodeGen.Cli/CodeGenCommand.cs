using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using RwaCompute.CodeGen.Generation;
using RwaCompute.CodeGen.Parsing;

namespace RwaCompute.CodeGen.Cli;

/// <summary>
/// The command line: parses options, runs <see cref="CodeGenerator"/>, writes or checks the output folder, and
/// turns every failure into one line on stderr (a stack trace only with <c>--verbose</c>).
/// </summary>
internal static class CodeGenCommand
{
    private const string Name = "rwa-codegen";

    /// <summary>Runs the command.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="stdout">Where progress goes.</param>
    /// <param name="stderr">Where errors and drift go.</param>
    /// <returns>An exit code from <see cref="ExitCodes"/>.</returns>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var artifacts = new Option<string[]>("--artifacts", "-a")
        {
            Description = "forge out/ folder, artifact JSON files or plain ABI JSON files (several allowed)",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var contracts = new Option<string[]>("--contracts", "-c")
        {
            Description = "contracts to generate, comma-separated: Name or File.sol:Name (default: every JSON file found)",
            AllowMultipleArgumentsPerToken = true,
        };
        var rootNamespace = new Option<string>("--namespace", "-n")
        {
            Description = "root namespace; each contract goes to <namespace>.<Contract>",
            Required = true,
        };
        var output = new Option<string>("--out", "-o")
        {
            Description = "output folder (generated *.g.cs files only; stale ones are deleted)",
            Required = true,
        };
        var check = new Option<bool>("--check")
        {
            Description = "write nothing; exit 2 and list the files if the output folder differs from what would be generated",
        };
        var root = new Option<string?>("--root")
        {
            Description = "folder that input paths in file headers are relative to (default: the repository root above the first input)",
        };
        var verbose = new Option<bool>("--verbose")
        {
            Description = "print stack traces on errors",
        };

        var command = new RootCommand("Generates typed Nethereum C# bindings from forge artifacts or ABI JSON.")
        {
            artifacts, contracts, rootNamespace, output, check, root, verbose,
        };
        command.SetAction(parse => Execute(
            new GenerationOptions
            {
                Artifacts = parse.GetValue(artifacts) ?? [],
                Contracts = SplitList(parse.GetValue(contracts)),
                Namespace = parse.GetValue(rootNamespace) ?? string.Empty,
                SourceRoot = parse.GetValue(root),
            },
            parse.GetValue(output)!,
            parse.GetValue(check),
            parse.GetValue(verbose),
            stdout,
            stderr));

        var parsed = command.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // Usage mistakes get the same one-line treatment as bad input, not a page of help.
            foreach (var error in parsed.Errors)
            {
                stderr.WriteLine($"{Name}: error: {error.Message} (see {Name} --help)");
            }

            return ExitCodes.Error;
        }

        return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }

    private static int Execute(GenerationOptions options, string outputFolder, bool check, bool verbose, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            var stopwatch = Stopwatch.StartNew();
            var files = CodeGenerator.Generate(options);
            var generated = stopwatch.Elapsed;
            if (check)
            {
                var differences = OutputFolder.Compare(outputFolder, files);
                if (differences.Count == 0)
                {
                    stdout.WriteLine(string.Create(
                        CultureInfo.InvariantCulture,
                        $"{Name}: {outputFolder} is up to date ({files.Count} files generated in {generated.TotalMilliseconds:F0} ms)"));
                    return ExitCodes.Success;
                }

                stderr.WriteLine($"{Name}: {differences.Count} file(s) in {outputFolder} differ from what the inputs generate:");
                foreach (var difference in differences)
                {
                    stderr.WriteLine($"  {difference.Kind.ToString().ToLowerInvariant(),-8} {difference.RelativePath}");
                }

                stderr.WriteLine($"{Name}: run the same command without --check to regenerate them.");
                return ExitCodes.Drift;
            }

            var written = OutputFolder.Write(outputFolder, files);
            stdout.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{Name}: {files.Count} files generated in {generated.TotalMilliseconds:F0} ms; {written.Count(d => d.Kind != FileDifferenceKind.Stale)} written, {written.Count(d => d.Kind == FileDifferenceKind.Stale)} stale deleted, in {outputFolder}"));
            return ExitCodes.Success;
        }
        catch (CodeGenInputException ex)
        {
            // "error RWACG0111:" as compilers print "error CS1002:": the id is stable, the wording may improve.
            var label = $"{Name}: error {ex.Diagnostic.Id}:";
            stderr.WriteLine(verbose ? $"{label} {ex}" : $"{label} {ex.Message.ReplaceLineEndings(" ")}");
            return ExitCodes.Error;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine(verbose ? $"{Name}: error: {ex}" : $"{Name}: error: {ex.Message.ReplaceLineEndings(" ")}");
            return ExitCodes.Error;
        }
#pragma warning disable CA1031 // The front end's job: any failure becomes one error line and exit code 1.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            stderr.WriteLine(verbose
                ? $"{Name}: internal error: {ex}"
                : $"{Name}: internal error: {ex.GetType().Name}: {ex.Message.ReplaceLineEndings(" ")} (use --verbose for details)");
            return ExitCodes.Error;
        }
    }

    private static string[] SplitList(string[]? values) =>
        values is null
            ? []
            : [.. values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
}
