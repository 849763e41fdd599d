using RwaCompute.Sdk.Oracle;
using RwaCompute.Sdk.Tests.Wallets;
using RwaCompute.Sdk.Wallets;
using Xunit;

namespace RwaCompute.Sdk.Tests.Oracle;

/// <summary>Signed observations exchanged in a round: authentic only for the signer, the values, the pool, the epoch
/// and the oracle they were made for.</summary>
public sealed class ObservationEvidenceTests
{
    private static readonly OracleDomain Domain = new(31337, "0x5FbDB2315678afecb367f032d93F642f64180aa3");
    private static readonly UtilizationObservation Observation = new(8000, 9900, 120, 3000, 5, 1_700_000_000);

    [Fact]
    public void Sign_ThenVerify_IsAuthentic()
    {
        var reporter = RwaSigner.FromMnemonic(RwaSignerTests.TestMnemonic, 5);

        var evidence = ObservationEvidence.Sign(reporter, Domain, new byte[32], 7, Observation);

        Assert.True(evidence.Verify(Domain));
        Assert.Equal(reporter.Address, evidence.Reporter);
    }

    [Fact]
    public void Verify_AnyFieldChanged_IsNotAuthentic()
    {
        var evidence = ObservationEvidence.Sign(RwaSigner.FromMnemonic(RwaSignerTests.TestMnemonic, 5), Domain, new byte[32], 7, Observation);
        var otherPool = new byte[32];
        otherPool[0] = 1;

        Assert.False((evidence with { Observation = Observation with { UptimeBps = 9901 } }).Verify(Domain));
        Assert.False((evidence with { Observation = Observation with { DeliveredGpuHours = 121 } }).Verify(Domain));
        Assert.False((evidence with { Epoch = 8 }).Verify(Domain));
        Assert.False((evidence with { PoolId = otherPool }).Verify(Domain));
        Assert.False((evidence with { Reporter = RwaSigner.FromMnemonic(RwaSignerTests.TestMnemonic, 6).Address }).Verify(Domain));
        Assert.False(evidence.Verify(Domain with { ChainId = 1 }));
        Assert.False((evidence with { Signature = new byte[64] }).Verify(Domain));
    }
}
