namespace RwaCompute.Sdk.Clients;

/// <summary>The lending module's pledge timing constants.</summary>
/// <param name="MinRepayWindow">The least time a borrower has to repay (<c>MIN_REPAY_WINDOW</c>): a maturity must be
/// at least this far from now, and a request cannot be funded later than this before its maturity.</param>
/// <param name="MaturityMargin">The least time between a maturity and the lot's end (<c>MATURITY_MARGIN</c>).</param>
/// <param name="SettlementCure">How long collateral stays unclaimable after the stablecoin was last recorded paused
/// (<c>SETTLEMENT_CURE</c>).</param>
/// <param name="AuctionGrace">After maturity, how long only the lender may start a collateral auction
/// (<c>AUCTION_GRACE</c>); then anyone may, with a floor that repays principal + fee.</param>
/// <param name="MinAuctionDuration">The shortest collateral auction the lender may run (<c>MIN_AUCTION_DURATION</c>).</param>
/// <param name="ThirdPartyAuctionDuration">The shortest collateral auction anyone else may start
/// (<c>THIRD_PARTY_AUCTION_DURATION</c>).</param>
public sealed record PledgeRules(TimeSpan MinRepayWindow, TimeSpan MaturityMargin, TimeSpan SettlementCure, TimeSpan AuctionGrace, TimeSpan MinAuctionDuration, TimeSpan ThirdPartyAuctionDuration);
