using System.Text.RegularExpressions;
using RwaCompute.Devnet;
using Xunit;

namespace RwaCompute.Cli.Tests.Commands;

/// <summary>The README's devnet account table names the addresses the devnet really derives.</summary>
public sealed partial class ReadmeAccountsTests
{
    [Fact]
    public void ReadmeTable_ListsTheDerivedAddressOfEveryRole()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var accounts = DevnetAccounts.Standard;
        string[] expected = [accounts.Admin.Address, accounts.Provider.Address, accounts.Alice.Address, accounts.Bob.Address, accounts.Lender.Address, .. accounts.Reporters.Select(r => r.Address)];

        foreach (var address in expected)
        {
            Assert.Contains("`" + address + "`", readme, StringComparison.Ordinal);
        }

        Assert.Equal(expected.Length, AddressInTicks().Matches(readme[readme.IndexOf("### Devnet accounts", StringComparison.Ordinal)..]).Count(m => expected.Contains(m.Value.Trim('`'))));
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RwaCompute.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("RwaCompute.sln not found above the test binaries.");
    }

    [GeneratedRegex("`0x[0-9a-fA-F]{40}`")]
    private static partial Regex AddressInTicks();
}
