using System.Diagnostics;
using System.Text.Json;
using RwaCompute.Cli.Tests.Infrastructure;
using Xunit;

namespace RwaCompute.Cli.Tests.Commands;

public sealed class DevnetCommandTests
{
    [Fact]
    public async Task Devnet_OnAFreePort_RunsTheLifecycleAndPrintsTheSummary()
    {
        var directory = Directory.CreateTempSubdirectory("rwa-cli-devnet-").FullName;
        try
        {
            var run = await CliRun.RunAsync("devnet", "--port", "0", "--deployments", directory);

            Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
            foreach (var table in new[] { "Lots", "Holders of", "Escrow positions", "Latest utilization" })
            {
                Assert.Contains(table, run.Stdout, StringComparison.Ordinal);
            }

            Assert.Contains("H100-SXM5-80G", run.Stdout, StringComparison.Ordinal);
            Assert.Contains("Refunded", run.Stdout, StringComparison.Ordinal);
            Assert.Contains("Delivered", run.Stdout, StringComparison.Ordinal);
            Assert.Contains("Claimed", run.Stdout, StringComparison.Ordinal);
            Assert.Contains("Repaid", run.Stdout, StringComparison.Ordinal);
            Assert.Contains("[ok] Issued 1,000 GPU-hours", run.Stdout, StringComparison.Ordinal);
            Assert.Contains("the escrow pulled the provider's 3,000 USDC bond", run.Stdout, StringComparison.Ordinal);
            Assert.Contains("Escrow:", run.Stdout, StringComparison.Ordinal);
            Assert.Contains(": solvent", run.Stdout, StringComparison.Ordinal);
            Assert.Contains("Curtail:  lot ", run.Stdout, StringComparison.Ordinal);
            var manifest = Path.Combine(directory, "31337.json");
            Assert.True(File.Exists(manifest));
            Assert.Contains("Manifest: " + manifest, run.Stdout, StringComparison.Ordinal);
            Assert.Empty(run.Stderr);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Devnet_PortInUse_FailsWithPreflightExitCodeAndSuggestsPortZero()
    {
        await using var chain = await TestChain.StartAsync();

        var run = await CliRun.RunAsync("devnet", "--port", chain.Anvil.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--deployments", chain.Deployments);

        Assert.Equal(ExitCodes.PreflightRefused, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("error: port ", line, StringComparison.Ordinal);
        Assert.Contains("--port 0", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Devnet_AsTheBuiltExecutableWithJson_PrintsParsableSummary()
    {
        var directory = Directory.CreateTempSubdirectory("rwa-cli-devnet-exe-").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = directory,
            };
            foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "rwa.dll"), "devnet", "--port", "0", "--json" })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);

            Assert.True(process.ExitCode == 0, await stderr);
            var output = await stdout;
            JsonSchemas.AssertValid("devnet", output);
            using var json = JsonDocument.Parse(output);
            Assert.Equal(31337, json.RootElement.GetProperty("chainId").GetInt64());
            Assert.Equal("H100-SXM5-80G", json.RootElement.GetProperty("lots")[0].GetProperty("gpuModel").GetString());
            Assert.Equal(5, json.RootElement.GetProperty("holders").GetArrayLength());
            Assert.Equal("3", json.RootElement.GetProperty("utilization")[0].GetProperty("epoch").GetString());
            // The story settles in two currencies (a USD lot and an EUR lot); the escrow is solvent, and fully backed,
            // in each of them separately.
            var solvency = json.RootElement.GetProperty("solvency");
            Assert.Equal(["USDC", "EURC"], solvency.EnumerateArray().Select(s => s.GetProperty("currency").GetProperty("symbol").GetString()));
            foreach (var books in solvency.EnumerateArray())
            {
                Assert.True(books.GetProperty("solvent").GetBoolean());
                Assert.Equal(books.GetProperty("balance").GetString(), books.GetProperty("obligations").GetString());
            }

            var lots = json.RootElement.GetProperty("lots");
            Assert.Equal(3, lots.GetArrayLength());
            Assert.False(lots[0].TryGetProperty("interruptible", out _)); // firm
            var flex = lots[2].GetProperty("interruptible"); // demand response: a grid event curtailed 12 GPU-hours
            Assert.Equal(2_000, flex.GetProperty("maxCurtailBps").GetInt32());
            Assert.Equal("12", flex.GetProperty("attributedHours").GetString());
            Assert.Equal("0.09", flex.GetProperty("refundPerUnit").GetString()); // 12 h x 1.50 USDC over 200 units
            Assert.True(flex.GetProperty("finalized").GetBoolean());
            Assert.Equal("EURC", lots[1].GetProperty("currency").GetProperty("symbol").GetString());
            Assert.Equal("2.8", lots[1].GetProperty("referencePrice").GetString());
            Assert.Equal("200", lots[1].GetProperty("unitsOutstanding").GetString());

            // EURC's books: the provider's 560 EURC bond (200 units x 2.80) and alice's 112 EURC payment (40 x 2.80)
            // credited to the provider; none of it mixed into the USDC books.
            Assert.Equal("560", solvency[1].GetProperty("bonds").GetString());
            Assert.Equal("112", solvency[1].GetProperty("credits").GetString());
            var eurOffer = json.RootElement.GetProperty("offers").EnumerateArray().Single(o => o.GetProperty("lotId").GetString() == lots[1].GetProperty("lotId").GetString());
            Assert.Equal("2.8", eurOffer.GetProperty("pricePerUnit").GetString());
            Assert.Equal("60", eurOffer.GetProperty("unitsRemaining").GetString());
            Assert.Equal(10_000, json.RootElement.GetProperty("lots")[0].GetProperty("bondCoverageBps").GetInt32());
            Assert.True(File.Exists(Path.Combine(directory, "deployments", "31337.json")));
            Assert.Contains("[ok] Started anvil", await stderr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
