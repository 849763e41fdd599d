namespace RwaCompute.CodeGen.Cli;

/// <summary>Entry point of <c>rwa-codegen</c>.</summary>
internal static class Program
{
    private static int Main(string[] args) => CodeGenCommand.Run(args, Console.Out, Console.Error);
}
