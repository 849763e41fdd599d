namespace RwaCompute.Cli.Tests.Infrastructure;

/// <summary>Which schema of docs/schemas each command's <c>--json</c> output follows — every command of the tree,
/// hidden aliases included, is here, with no schema only when it has no JSON output (a new command without a schema
/// fails <c>JsonSchemaTests</c>).</summary>
public static class CommandSchemas
{
    /// <summary>Commands whose output is never JSON, and why.</summary>
    public static IReadOnlyDictionary<string, string> WithoutJson { get; } = new Dictionary<string, string>
    {
        ["reporter run"] = "a long-running node: it logs, and serves its own HTTP API",
    };

    /// <summary>Command path (<c>pledge request</c>) → the schemas its output may match (a hidden alias whose flag
    /// picks the operation may match either).</summary>
    public static IReadOnlyDictionary<string, string[]> Map { get; } = new Dictionary<string, string[]>
    {
        ["devnet"] = ["devnet"],
        ["deploy"] = ["deploy"],
        ["status"] = ["status"],
        ["admin accept"] = ["admin-accept"],
        ["admin calldata"] = ["admin-calldata"],
        ["role list"] = ["role-list"],
        ["role grant"] = ["role-change"],
        ["role revoke"] = ["role-change"],
        ["keystore new"] = ["keystore"],
        ["keystore import"] = ["keystore"],
        ["usdc deploy-mock"] = ["usdc-deploy-mock"],
        ["currency show"] = ["currency-show"],
        ["currency accept"] = ["currency-change"],
        ["currency refuse"] = ["currency-change"],
        ["curtailment sync"] = ["curtailment-sync"],
        ["curtailment finalize"] = ["curtailment-finalize"],
        ["curtailment claim"] = ["curtailment-claim"],
        ["curtailment claim-redemption"] = ["curtailment-claim-redemption"],
        ["lot issue"] = ["lot-issue"],
        ["lot show"] = ["lot-show"],
        ["lot list"] = ["lot-list"],
        ["provider"] = ["provider"],
        ["bond"] = ["bond"],
        ["transfer"] = ["transfer"],
        ["account allow"] = ["account-allow"],
        ["account disallow"] = ["account-disallow"],
        ["account freeze"] = ["account-freeze"],
        ["account unfreeze"] = ["account-unfreeze"],
        ["token pause"] = ["token-pause"],
        ["token unpause"] = ["token-unpause"],
        ["offer"] = ["offer"],
        ["buy"] = ["buy"],
        ["market auction"] = ["market-auction"],
        ["market cancel"] = ["market-cancel"],
        ["market show"] = ["market-show"],
        ["market list"] = ["market-list"],
        ["market price"] = ["market-price"],
        ["order ask"] = ["order-sign"],
        ["order bid"] = ["order-sign"],
        ["order fill"] = ["order-fill"],
        ["order show"] = ["order-show"],
        ["order cancel"] = ["order-cancel"],
        ["order cancel-all"] = ["order-cancel-all"],
        ["pledge request"] = ["pledge-request"],
        ["pledge fund"] = ["pledge-fund"],
        ["pledge repay"] = ["pledge-repay"],
        ["pledge claim"] = ["pledge-claim"],
        ["pledge auction"] = ["pledge-auction"],
        ["pledge buy"] = ["pledge-buy"],
        ["pledge settle"] = ["pledge-settle"],
        ["pledge show"] = ["pledge-show"],
        ["pledge record-settlement-pause"] = ["pledge-record-settlement-pause"],
        ["pledge index-ltv on"] = ["pledge-index-ltv-on"],
        ["pledge index-ltv off"] = ["pledge-index-ltv-off"],
        ["pledge index-ltv show"] = ["pledge-index-ltv-show"],
        ["withdraw"] = ["withdraw"],
        ["redeem"] = ["redeem"],
        ["confirm"] = ["confirm"],
        ["refund"] = ["refund"],
        ["oracle sign"] = ["oracle-sign"],
        ["oracle report"] = ["oracle-report"],
        ["oracle show"] = ["oracle-show"],
        ["tx status"] = ["tx-status"],
        ["tx pending"] = ["tx-pending"],
        ["allow"] = ["account-allow", "account-disallow"],
        ["freeze"] = ["account-freeze", "account-unfreeze"],
        ["pause"] = ["token-pause", "token-unpause"],
        ["repay"] = ["pledge-repay"],
        ["claim"] = ["pledge-claim"],
    };
}
