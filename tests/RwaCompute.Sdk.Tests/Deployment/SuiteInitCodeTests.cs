using RwaCompute.Sdk.Errors;
using Nethereum.Contracts.MessageEncodingServices;
using Nethereum.Hex.HexConvertors.Extensions;
using RwaCompute.Sdk.Contracts.ComputeEscrow;
using RwaCompute.Sdk.Contracts.ComputeLending;
using RwaCompute.Sdk.Contracts.UtilizationOracle;
using RwaCompute.Sdk.Deployment;
using Xunit;

namespace RwaCompute.Sdk.Tests.Deployment;

/// <summary>A manifest entry's init code is rebuilt from its name and recorded constructor arguments with this
/// toolkit's bytecode (R-5: an entry is bound to its name, so a swapped entry cannot pass).</summary>
public sealed class SuiteInitCodeTests
{
    private const string Admin = ManifestSamples.Admin;

    private static readonly string[] EscrowArguments = [Admin, "86400", ManifestSamples.TokenAddress, ManifestSamples.StablecoinAddress, ManifestSamples.OracleAddress, "604800"];

    [Fact]
    public void For_Escrow_IsTheGeneratedBytecodeWithTheTypedArguments()
    {
        var typed = new ComputeEscrowDeployment
        {
            Admin = Admin,
            AdminDelay = 86400,
            Token = ManifestSamples.TokenAddress,
            Stablecoin = ManifestSamples.StablecoinAddress,
            Oracle = ManifestSamples.OracleAddress,
            DeliveryGrace = 604800,
        };

        var expected = new DeploymentMessageEncodingService<ComputeEscrowDeployment>().GetDeploymentData(typed).HexToByteArray();

        Assert.Equal(expected, SuiteInitCode.For(ManifestContractNames.Escrow, EscrowArguments));
    }

    [Fact]
    public void For_OracleWithAReporterList_ParsesTheList()
    {
        var typed = new UtilizationOracleDeployment { Admin = Admin, AdminDelay = 0, Reporters = [ManifestSamples.Reporter1, ManifestSamples.Reporter2], Quorum = 2, MaxAge = 86400 };
        var expected = new DeploymentMessageEncodingService<UtilizationOracleDeployment>().GetDeploymentData(typed).HexToByteArray();

        Assert.Equal(expected, SuiteInitCode.For(ManifestContractNames.Oracle, [Admin, "0", $"[{ManifestSamples.Reporter1},{ManifestSamples.Reporter2}]", "2", "86400"]));
    }

    [Fact]
    public void R5_EscrowArgumentsUnderTheTokensName_AreRefusedNamingTheToken()
    {
        var error = Assert.Throws<DeploymentException>(() => SuiteInitCode.For(ManifestContractNames.Token, EscrowArguments));

        Assert.Equal(ManifestContractNames.Token, error.Contract);
        Assert.Contains("6 constructor arguments", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, "-1")]
    [InlineData(2, "0x1234")]
    public void R5_MalformedArgument_IsRefusedNamingItsPosition(int index, string value)
    {
        var arguments = EscrowArguments.ToArray();
        arguments[index] = value;

        var error = Assert.Throws<DeploymentException>(() => SuiteInitCode.For(ManifestContractNames.Escrow, arguments));

        Assert.Contains($"constructor argument {index}", error.Message, StringComparison.Ordinal);
        Assert.Contains(value, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void For_Lending_IsTheGeneratedBytecodeWithTheTypedArguments()
    {
        var typed = new ComputeLendingDeployment { Admin = Admin, AdminDelay = 86400, Escrow = ManifestSamples.EscrowAddress, DefaultLtvBps = 5000 };
        var expected = new DeploymentMessageEncodingService<ComputeLendingDeployment>().GetDeploymentData(typed).HexToByteArray();

        Assert.Equal(expected, SuiteInitCode.For(ManifestContractNames.Lending, [Admin, "86400", ManifestSamples.EscrowAddress, "5000"]));
        Assert.Equal(ManifestSamples.EscrowAddress, SuiteInitCode.LendingEscrow([Admin, "86400", ManifestSamples.EscrowAddress, "5000"]), ignoreCase: true);
    }

    [Fact]
    public void R5_LendingLoanToValueAboveUint16_IsRefusedNamingItsPosition()
    {
        var error = Assert.Throws<DeploymentException>(() => SuiteInitCode.For(ManifestContractNames.Lending, [Admin, "86400", ManifestSamples.EscrowAddress, "65536"]));

        Assert.Equal(ManifestContractNames.Lending, error.Contract);
        Assert.Contains("constructor argument 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("65536", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void For_TheStablecoin_HasNoInitCode()
    {
        var error = Assert.Throws<DeploymentException>(() => SuiteInitCode.For(ManifestContractNames.Stablecoin, []));

        Assert.Equal(ManifestContractNames.Stablecoin, error.Contract);
    }
}
