using System.Text;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Util;
using RwaCompute.Sdk.Deployment;
using Xunit;

namespace RwaCompute.Sdk.Tests.Deployment;

public sealed class DeterministicDeployerTests
{
    [Fact]
    public void Address_IsTheChecksummedArachnidProxy()
    {
        var checksummed = AddressUtil.Current.ConvertToChecksumAddress("0x4e59b44847b379578588920ca78fbf26c0b4956c");

        Assert.Equal(DeterministicDeployer.Address, checksummed);
    }

    [Fact]
    public void ComputeSalt_IsKeccakOfNamespaceColonContract()
    {
        var expected = Sha3Keccack.Current.CalculateHash(Encoding.UTF8.GetBytes("rwacompute-v1:ComputeCapacityToken"));

        Assert.Equal(expected, DeterministicDeployer.ComputeSalt("rwacompute-v1", ManifestContractNames.Token));
        Assert.NotEqual(expected, DeterministicDeployer.ComputeSalt("rwacompute-v2", ManifestContractNames.Token));
    }

    [Theory]
    [InlineData("rwacompute-v1", "0x6080")]
    [InlineData("other", "0xdeadbeef")]
    public void ComputeAddress_FollowsEip1014(string saltNamespace, string initCode)
    {
        var salt = DeterministicDeployer.ComputeSalt(saltNamespace, ManifestContractNames.Escrow);
        var initCodeHash = Sha3Keccack.Current.CalculateHash(initCode.HexToByteArray());
        var preimage = "ff" + "4e59b44847b379578588920ca78fbf26c0b4956c" + salt.ToHex() + initCodeHash.ToHex();
        var expected = "0x" + Sha3Keccack.Current.CalculateHash(preimage.HexToByteArray()).ToHex()[24..];

        var address = DeterministicDeployer.ComputeAddress(salt, initCodeHash);

        Assert.Equal(expected, address, ignoreCase: true);
        Assert.Equal(AddressUtil.Current.ConvertToChecksumAddress(address), address);
    }

    [Fact]
    public void BuildCalldata_IsSaltThenInitCode()
    {
        var salt = Enumerable.Repeat((byte)7, 32).ToArray();

        var calldata = DeterministicDeployer.BuildCalldata(salt, [1, 2, 3]);

        Assert.Equal(35, calldata.Length);
        Assert.Equal(salt, calldata[..32]);
        Assert.Equal(new byte[] { 1, 2, 3 }, calldata[32..]);
    }

    [Fact]
    public void ComputeAddress_RejectsShortSalt()
    {
        Assert.Throws<ArgumentException>(() => DeterministicDeployer.ComputeAddress(new byte[31], new byte[32]));
    }
}
