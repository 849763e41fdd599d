using RwaCompute.CodeGen.Naming;
using Xunit;

namespace RwaCompute.CodeGen.Tests.Naming;

public sealed class NameScopeTests
{
    [Fact]
    public void Allocate_TakenNames_AppendsTwoThenThree()
    {
        var scope = new NameScope(["Nonce"]);

        Assert.Equal("Nonce2", scope.Allocate("Nonce"));
        Assert.Equal("Nonce3", scope.Allocate("Nonce"));
        Assert.Equal("Amount", scope.Allocate("Amount"));
    }

    [Fact]
    public void AllocateGroup_AnyDerivedNameTaken_MovesTheWholeGroup()
    {
        var scope = new NameScope(["FooFunctionBase"]);

        var baseName = scope.AllocateGroup("Foo", n => [n + "Function", n + "FunctionBase"]);

        Assert.Equal("Foo2", baseName);
        Assert.True(scope.IsTaken("Foo2Function"));
        Assert.False(scope.IsTaken("FooFunction"));
    }
}
