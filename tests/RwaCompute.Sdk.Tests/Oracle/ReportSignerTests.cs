using Nethereum.Signer;
using RwaCompute.Sdk.Oracle;
using RwaCompute.Sdk.Tests.Wallets;
using RwaCompute.Sdk.Wallets;
using Xunit;

namespace RwaCompute.Sdk.Tests.Oracle;

public sealed class ReportSignerTests
{
    [Fact]
    public void Sign_RandomInputs_RecoversToTheSigner()
    {
        var random = new Random(2026);
        for (var i = 0; i < 50; i++)
        {
            var signer = RwaSignerTests.RandomSigner(random);
            var (domain, poolId, epoch, observation, version) = ReportDigestTests.RandomInput(random);

            var signed = ReportSigner.Sign(signer, domain, poolId, epoch, observation, version);

            Assert.Same(observation, signed.Observation);
            Assert.Equal(signer.Address, signed.Signer);
            Assert.Equal(65, signed.Signature.Length);
            Assert.True(signed.Signature[64] is 27 or 28);
            var digest = ReportDigest.Compute(domain, poolId, epoch, observation, version);
            var ecdsa = EthECDSASignatureFactory.FromComponents(signed.Signature[..32], signed.Signature[32..64], signed.Signature[64]);
            Assert.Equal(signer.Address, EthECKey.RecoverFromSignature(ecdsa, digest).GetPublicAddress(), ignoreCase: true);
            Assert.Equal(signer.Address, ReportSigner.RecoverSigner(domain, poolId, epoch, observation, version, signed.Signature));
        }
    }

    [Fact]
    public void RecoverSigner_AnotherObservation_RecoversAnotherAddress()
    {
        var signer = RwaSigner.FromMnemonic(RwaSignerTests.TestMnemonic, 1);
        var domain = new OracleDomain(31337, "0x5FbDB2315678afecb367f032d93F642f64180aa3");
        var poolId = new byte[32];
        var observation = new UtilizationObservation(5000, 9000, 10, 20, 1_700_000_000);
        var signed = ReportSigner.Sign(signer, domain, poolId, 3, observation, 1);

        var recovered = ReportSigner.RecoverSigner(domain, poolId, 3, observation with { EnergyKwh = 21 }, 1, signed.Signature);

        Assert.NotEqual(signer.Address, recovered);
    }

    [Theory]
    [InlineData(64, 27)]
    [InlineData(65, 0)]
    [InlineData(65, 1)]
    [InlineData(66, 27)]
    public void RecoverSigner_MalformedSignature_Throws(int length, byte v)
    {
        var signature = new byte[length];
        signature[Math.Min(64, length - 1)] = v;

        Assert.Throws<ArgumentException>(() => ReportSigner.RecoverSigner(
            new OracleDomain(1, "0x5FbDB2315678afecb367f032d93F642f64180aa3"), new byte[32], 1, new UtilizationObservation(0, 0, 0, 0, 0), 1, signature));
    }

    [Fact]
    public void Sign_NullSigner_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => ReportSigner.Sign(
            null!, new OracleDomain(1, "0x5FbDB2315678afecb367f032d93F642f64180aa3"), new byte[32], 1, new UtilizationObservation(0, 0, 0, 0, 0), 1));
    }
}
