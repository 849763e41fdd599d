// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {MultiCurrencyBase} from "../MultiCurrencyBase.sol";
import {MultiCurrencyHandler} from "./MultiCurrencyHandler.sol";
import {MultiCurrencyStore} from "./MultiCurrencyStore.sol";

/// @notice Invariants of the escrow across settlement currencies, under random sequences of `MultiCurrencyHandler`
/// actions on lots in USDC, EURC and an 18-decimal coin (new lots issued as the run goes, currencies refused and
/// re-accepted mid-run, donations, cross-currency credit attempts, pauses): for every currency the escrow ever
/// accepted, it holds at least what it owes in it — exactly that plus what was sent to it outside the flows —, each
/// account's credit in it is what the ghost ledger says, its totals are the sums over its own accounts, lots and
/// reserves, lots keep the currency they were issued in, and the market and the lending module hold none of it.
contract MultiCurrencyInvariants_Test is MultiCurrencyBase {
    MultiCurrencyStore internal store;
    MultiCurrencyHandler internal handler;

    address[3] internal coins;
    address[] internal actorList;

    function setUp() public override {
        super.setUp();
        coins = [address(usdc), address(eurc), address(usd18)];
        // Every actor starts with units of each lot (alice received them all at issue).
        vm.startPrank(alice);
        uint256[3] memory initial = [lotId, eurcLot, usd18Lot];
        for (uint256 i; i < 3; ++i) {
            token.safeTransferFrom(alice, bob, initial[i], 250, "");
            token.safeTransferFrom(alice, lender, initial[i], 250, "");
            token.safeTransferFrom(alice, provider, initial[i], 100, "");
        }
        vm.stopPrank();

        store = new MultiCurrencyStore();
        for (uint256 i; i < 3; ++i) {
            store.pushLot(initial[i], coins[i]);
        }
        actorList = new address[](4);
        (actorList[0], actorList[1], actorList[2], actorList[3]) = (provider, alice, bob, lender);
        uint256[] memory actorKeys = new uint256[](4);
        (actorKeys[0], actorKeys[1], actorKeys[2], actorKeys[3]) =
        (uint256(keccak256("provider")), ALICE_KEY, BOB_KEY, uint256(keccak256("lender")));
        handler = new MultiCurrencyHandler(
            MultiCurrencyHandler.Setup({
                escrow: escrow,
                market: market,
                lending: lending,
                admin: admin,
                provider: provider,
                pool: POOL,
                currencies: coins,
                prices: [uint256(PRICE), uint256(EUR_PRICE), uint256(USD18_PRICE)],
                actors: actorList,
                actorKeys: actorKeys
            }),
            store
        );
        // The handler plays a rogue MARKET_ROLE holder in `donateThenCrossCredit`.
        bytes32 role = escrow.MARKET_ROLE();
        vm.prank(admin);
        escrow.grantRole(role, address(handler));

        bytes4[] memory selectors = new bytes4[](23);
        selectors[0] = MultiCurrencyHandler.issueLot.selector;
        selectors[1] = MultiCurrencyHandler.issueMore.selector;
        selectors[2] = MultiCurrencyHandler.setAccepted.selector;
        selectors[3] = MultiCurrencyHandler.buy.selector;
        selectors[4] = MultiCurrencyHandler.fillAsk.selector;
        selectors[5] = MultiCurrencyHandler.fillBid.selector;
        selectors[6] = MultiCurrencyHandler.requestPledge.selector;
        selectors[7] = MultiCurrencyHandler.fundPledge.selector;
        selectors[8] = MultiCurrencyHandler.repay.selector;
        selectors[9] = MultiCurrencyHandler.claimCollateral.selector;
        selectors[10] = MultiCurrencyHandler.auctionCollateral.selector;
        selectors[11] = MultiCurrencyHandler.pauseCurrency.selector;
        selectors[12] = MultiCurrencyHandler.redeem.selector;
        selectors[13] = MultiCurrencyHandler.confirmDelivery.selector;
        selectors[14] = MultiCurrencyHandler.refundAfterDeadline.selector;
        selectors[15] = MultiCurrencyHandler.postBond.selector;
        selectors[16] = MultiCurrencyHandler.withdrawBond.selector;
        selectors[17] = MultiCurrencyHandler.withdraw.selector;
        selectors[18] = MultiCurrencyHandler.donateThenCrossCredit.selector;
        selectors[19] = MultiCurrencyHandler.warp.selector;
        // Sales and pledges twice as likely as the rest.
        selectors[20] = MultiCurrencyHandler.buy.selector;
        selectors[21] = MultiCurrencyHandler.requestPledge.selector;
        selectors[22] = MultiCurrencyHandler.fundPledge.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
        targetContract(address(handler));
    }

    /*//////////////////////////////////////////////////////////////
                               INVARIANTS
    //////////////////////////////////////////////////////////////*/

    /// @dev For every currency: balanceOf(escrow) >= Σ claimable + Σ bonds in it — exactly that plus what was donated,
    /// since every inbound flow is credited or bonded to the unit.
    function invariant_SolventPerCurrency() external view {
        for (uint256 c; c < 3; ++c) {
            (uint256 balance, uint256 obligations) = escrow.solvency(coins[c]);
            (uint256 credits, uint256 bonds,) = escrow.totals(coins[c]);
            assertEq(balance, _balanceOf(coins[c], address(escrow)), "solvency reads the balance");
            assertEq(obligations, credits + bonds, "obligations = credits + bonds");
            assertGe(balance, obligations, "solvent in the currency");
            assertEq(balance, obligations + store.ghost_donated(coins[c]), "nothing but donations above what is owed");
        }
    }

    /// @dev The ghost ledgers per currency match the escrow: each actor's credit, Σ credits = totals.credits, and the
    /// sums of the lots' bonds and reserves in that currency = totals.bonds and totals.reserved.
    function invariant_GhostLedgersMatchTotalsPerCurrency() external view {
        uint256[] memory lots = store.allLots();
        for (uint256 c; c < 3; ++c) {
            uint256 owed;
            for (uint256 a; a < actorList.length; ++a) {
                uint256 credit = escrow.claimable(actorList[a], coins[c]);
                assertEq(credit, store.owed(actorList[a], coins[c]), "credit per (account, currency)");
                owed += credit;
            }
            assertEq(escrow.claimable(address(handler), coins[c]), 0, "the rogue was never credited");
            uint256 bonds;
            uint256 reserved;
            for (uint256 i; i < lots.length; ++i) {
                if (escrow.currencyOf(lots[i]) != coins[c]) continue;
                (uint256 total, uint256 held) = escrow.bondOf(lots[i]);
                bonds += total;
                reserved += held;
            }
            (uint256 credits, uint256 bondTotal, uint256 reservedTotal) = escrow.totals(coins[c]);
            assertEq(credits, owed, "total of credits");
            assertEq(bondTotal, bonds, "total of bonds");
            assertEq(reservedTotal, reserved, "total of reserves");
        }
    }

    /// @dev A lot keeps the currency it was issued in, whatever was refused since; no credit ever crossed currencies.
    function invariant_LotsKeepTheirCurrencyAndCreditsNeverCross() external view {
        uint256[] memory lots = store.allLots();
        for (uint256 i; i < lots.length; ++i) {
            assertEq(escrow.currencyOf(lots[i]), store.ghost_lotCurrency(lots[i]), "the lot's currency");
        }
        assertFalse(store.flag_crossCredit(), "a credit crossed currencies");
        (, uint8 usdcDecimals) = escrow.currencyInfo(address(usdc));
        (, uint8 eurcDecimals) = escrow.currencyInfo(address(eurc));
        (, uint8 decimals18) = escrow.currencyInfo(address(usd18));
        assertEq(usdcDecimals + eurcDecimals + decimals18, 6 + 6 + 18, "decimals as first read");
    }

    /// @dev Neither module is a custodian, in any currency.
    function invariant_ModulesHoldNoCurrency() external view {
        for (uint256 c; c < 3; ++c) {
            assertEq(_balanceOf(coins[c], address(market)), 0, "the market holds a currency");
            assertEq(_balanceOf(coins[c], address(lending)), 0, "the lending module holds a currency");
        }
    }

    function _balanceOf(address coin, address account) internal view returns (uint256) {
        return IERC20(coin).balanceOf(account);
    }

    /*//////////////////////////////////////////////////////////////
                                COVERAGE
    //////////////////////////////////////////////////////////////*/

    /// @dev One scripted run reaches every flow in each currency (sales, signed orders, pledges and their defaults,
    /// auctions, pauses, redemptions both ways, bonds, withdrawals) and every refusal (an order or a bid in the wrong
    /// currency, a cross-currency credit, a new lot in a refused currency), including flows on a lot whose currency
    /// was refused since; the invariants hold after it.
    function test_HandlerReachesEveryFlow() external {
        for (uint256 c; c < 3; ++c) {
            handler.buy(c, 1, 2, 10, 1e6 + c);
            handler.fillAsk(c, 1, 2, 10, 4);
            handler.fillAsk(c, 1, 2, 10, 3);
            handler.fillBid(c, 2, 3, 10, 4);
            handler.fillBid(c, 2, 3, 10, 3);
            handler.issueLot(c, 100, 1);
            handler.redeem(1, c, 5);
            handler.confirmDelivery(0);
            handler.postBond(c, 0, 1e6);
            handler.donateThenCrossCredit(c, 1e6, c, 1);
        }
        // Pledges: one repaid and one defaulted per currency (fresh lots issued above are indices 3..5).
        for (uint256 c; c < 3; ++c) {
            handler.requestPledge(1, c, 20, 1e30, 1e30);
            handler.fundPledge(store.pledgeCount() - 1, 3);
            handler.repay(store.pledgeCount() - 1, 1);
            handler.requestPledge(2, c, 20, 1e30, 1e30);
            handler.fundPledge(store.pledgeCount() - 1, 3);
            handler.requestPledge(1, c, 30, 1e30, 1e30);
            handler.fundPledge(store.pledgeCount() - 1, 3);
        }
        // Defaults: a pause blocks its currency's claim, the cure holds it, then the lender claims or auctions.
        vm.warp(block.timestamp + 4 days);
        for (uint256 c; c < 3; ++c) {
            handler.pauseCurrency(c, 0);
            handler.claimCollateral(0, false);
        }
        vm.warp(block.timestamp + 1 days);
        for (uint256 c; c < 3; ++c) {
            handler.claimCollateral(0, false);
            handler.auctionCollateral(0, 1e6 + c, 2);
        }
        // A currency refused mid-run: no new lot in it, its lots keep settling.
        handler.setAccepted(1, false);
        handler.issueLot(1, 10, 1);
        handler.buy(1, 1, 2, 5, 1e6);
        handler.issueMore(1, 5, 2);
        handler.redeem(1, 1, 3);
        handler.refundAfterDeadline(0, 0);
        handler.setAccepted(1, true);
        for (uint256 a; a < 4; ++a) {
            for (uint256 c; c < 3; ++c) {
                handler.withdraw(a, c);
            }
        }
        vm.warp(block.timestamp + 40 days);
        for (uint256 i; i < 6; ++i) {
            handler.withdrawBond(i, type(uint256).max);
        }

        bytes32[13] memory flows = [
            bytes32("sale"),
            "fillAsk",
            "askCurrencyRefused",
            "fillBid",
            "bidCurrencyRefused",
            "issueLot",
            "redeem",
            "delivered",
            "postBond",
            "crossCreditRefused",
            "fundPledge",
            "repay",
            "withdraw"
        ];
        for (uint256 c; c < 3; ++c) {
            for (uint256 f; f < flows.length; ++f) {
                assertGt(
                    store.flowsIn(flows[f], coins[c]),
                    0,
                    string.concat("flow not reached: ", string(abi.encode(flows[f])))
                );
            }
        }
        assertGt(store.flowsIn("pauseBlockedDefault", address(usdc)), 0, "a pause blocked a default");
        assertGt(
            store.flowsIn("claimCollateral", address(usdc)) + store.flowsIn("claimCollateral", address(eurc))
                + store.flowsIn("claimCollateral", address(usd18)),
            0,
            "collateral claimed"
        );
        assertGt(
            store.flowsIn("auctionCollateral", address(usdc)) + store.flowsIn("auctionCollateral", address(eurc))
                + store.flowsIn("auctionCollateral", address(usd18)),
            0,
            "collateral auctioned"
        );
        assertGt(store.flowsIn("newLotRefused", address(eurc)), 0, "a new lot in a refused currency");
        assertGt(store.refusedCurrencyFlows("sale"), 0, "a sale of a lot in a refused currency");
        assertGt(store.refusedCurrencyFlows("issueMore"), 0, "an issuance of a lot in a refused currency");
        assertGt(store.refusedCurrencyFlows("redeem"), 0, "a redemption of a lot in a refused currency");
        assertGt(store.flowsIn("refunded", address(eurc)), 0, "a refund");
        assertGt(store.flowsIn("withdrawBond", address(usdc)), 0, "a bond withdrawn");

        this.invariant_SolventPerCurrency();
        this.invariant_GhostLedgersMatchTotalsPerCurrency();
        this.invariant_LotsKeepTheirCurrencyAndCreditsNeverCross();
        this.invariant_ModulesHoldNoCurrency();
    }
}
