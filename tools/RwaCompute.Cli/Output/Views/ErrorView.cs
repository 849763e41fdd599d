namespace RwaCompute.Cli.Output.Views;

/// <summary>What a failed command prints on stdout with <c>--json</c> (docs/schemas/error.schema.json):
/// <c>{"error":{"code":4,"name":"ContractRevert","message":"…"}}</c>. The same message is on stderr as the one
/// <c>error:</c> line, and the exit code is the same as without <c>--json</c>.</summary>
/// <param name="Error">The failure.</param>
internal sealed record ErrorView(ErrorDetailView Error);
