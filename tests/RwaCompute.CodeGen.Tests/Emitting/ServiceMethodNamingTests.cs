using System.Reflection;
using RwaCompute.CodeGen.Tests.Golden.CodegenFixture;
using Xunit;

namespace RwaCompute.CodeGen.Tests.Emitting;

/// <summary>The service's method names say whether a call can change state: views are <c>…QueryAsync</c>,
/// state-changing functions are simulated with <c>…SimulateAsync</c> and sent with <c>…RequestAsync</c>.</summary>
public sealed class ServiceMethodNamingTests
{
    private static readonly string[] Methods = typeof(CodegenFixtureService)
        .GetMethods(BindingFlags.Public | BindingFlags.Instance)
        .Select(m => m.Name)
        .Distinct()
        .ToArray();

    [Theory]
    [InlineData("Info")]      // view
    [InlineData("Negate")]    // pure
    [InlineData("Outer")]     // view, struct return
    public void ReadOnlyFunction_HasQueryOnly(string baseName)
    {
        Assert.Contains(baseName + "QueryAsync", Methods);
        Assert.DoesNotContain(baseName + "SimulateAsync", Methods);
        Assert.DoesNotContain(baseName + "RequestAsync", Methods);
    }

    [Theory]
    [InlineData("Keywords")]  // nonpayable with a return value
    [InlineData("SetOuter")]  // nonpayable
    [InlineData("Deposit")]   // payable
    public void StateChangingFunction_IsSimulatedAndSentNeverQueried(string baseName)
    {
        Assert.Contains(baseName + "SimulateAsync", Methods);
        Assert.Contains(baseName + "RequestAsync", Methods);
        Assert.Contains(baseName + "RequestAndWaitForReceiptAsync", Methods);
        Assert.DoesNotContain(baseName + "QueryAsync", Methods);
    }
}
