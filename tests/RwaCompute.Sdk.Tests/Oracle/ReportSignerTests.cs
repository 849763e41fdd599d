using Nethereum.Signer;
using RwaCompute.Sdk.Oracle;
using RwaCompute.Sdk.Tests.Wallets;
using RwaCompute.Sdk.Wallets;
using Xunit;

namespace RwaCompute.Sdk.Tests.Oracle;

public sealed class ReportSignerTests
{
    private static readonly OracleDomain Domain = new(31337, "0x5FbDB2315678afecb367f032d93F642f64180aa3");

    [Fact]
    public void Sign_RandomInputs_RecoversToTheSigner()
    {
        var random = new Random(2026);
        for (var i = 0; i < 50; i++)
        {
            var signer = RwaSignerTests.RandomSigner(random);
            var (domain, report) = ReportDigestTests.RandomInput(random);

            var signed = ReportSigner.Sign(signer, domain, report);

            Assert.Equal(signer.Address, signed.Signer);
            Assert.Equal(65, signed.Signature.Length);
            Assert.True(signed.Signature[64] is 27 or 28);
            var digest = ReportDigest.Compute(domain, report);
            var ecdsa = EthECDSASignatureFactory.FromComponents(signed.Signature[..32], signed.Signature[32..64], signed.Signature[64]);
            Assert.Equal(signer.Address, EthECKey.RecoverFromSignature(ecdsa, digest).GetPublicAddress(), ignoreCase: true);
            Assert.Equal(signer.Address, ReportSigner.RecoverSigner(domain, report, signed.Signature));
        }
    }

    [Fact]
    public void RecoverSigner_AnotherReport_RecoversAnotherAddress()
    {
        // O-2: a relayer that changes any field of a signed report changes who "signed" it.
        var signer = RwaSigner.FromMnemonic(RwaSignerTests.TestMnemonic, 1);
        var report = new OracleReport(new byte[32], 3, 5000, 9000, 10, 20, 0, 1_700_000_000, 0b111, 1);
        var signed = ReportSigner.Sign(signer, Domain, report);

        Assert.NotEqual(signer.Address, ReportSigner.RecoverSigner(Domain, report with { EnergyKwh = 21 }, signed.Signature));
        Assert.NotEqual(signer.Address, ReportSigner.RecoverSigner(Domain, report with { Observers = 0b011 }, signed.Signature));
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

        Assert.Throws<ArgumentException>(() => ReportSigner.RecoverSigner(Domain, new OracleReport(new byte[32], 1, 0, 0, 0, 0, 0, 0, 1, 1), signature));
    }

    [Fact]
    public void Sign_NullSigner_Throws() =>
        Assert.Throws<ArgumentNullException>(() => ReportSigner.Sign(null!, Domain, new OracleReport(new byte[32], 1, 0, 0, 0, 0, 0, 0, 1, 1)));
}
