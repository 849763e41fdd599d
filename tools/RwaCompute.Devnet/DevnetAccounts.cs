using RwaCompute.Devnet.Anvil;
using RwaCompute.Sdk.Wallets;

namespace RwaCompute.Devnet;

/// <summary>
/// The roles the devnet gives anvil's funded test accounts (derived from the public test mnemonic, so they are
/// test-only keys): 0 admin, 1 provider, 2 and 3 buyers, 4 lender, 5–7 oracle reporters.
/// </summary>
public sealed class DevnetAccounts
{
    private DevnetAccounts()
    {
        Admin = Derive(0);
        Provider = Derive(1);
        Alice = Derive(2);
        Bob = Derive(3);
        Lender = Derive(4);
        Reporters = [Derive(5), Derive(6), Derive(7)];
    }

    /// <summary>The accounts of the standard test mnemonic.</summary>
    public static DevnetAccounts Standard { get; } = new();

    /// <summary>Deploys and administers the suite.</summary>
    public RwaSigner Admin { get; }

    /// <summary>The compute provider.</summary>
    public RwaSigner Provider { get; }

    /// <summary>A buyer and borrower.</summary>
    public RwaSigner Alice { get; }

    /// <summary>A second buyer.</summary>
    public RwaSigner Bob { get; }

    /// <summary>The lender.</summary>
    public RwaSigner Lender { get; }

    /// <summary>The oracle's reporters.</summary>
    public IReadOnlyList<RwaSigner> Reporters { get; }

    /// <summary>Another account of the test mnemonic.</summary>
    /// <param name="index">The BIP-44 index (0–9 are funded by anvil by default).</param>
    /// <returns>The signer.</returns>
    public static RwaSigner Derive(int index) => RwaSigner.FromMnemonic(AnvilOptions.TestMnemonic, index);
}
