// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {ComputeEscrow} from "../../src/escrow/ComputeEscrow.sol";
import {IComputeCapacityToken} from "../../src/interfaces/IComputeCapacityToken.sol";
import {IComputeEscrow} from "../../src/interfaces/IComputeEscrow.sol";
import {IComputeLending} from "../../src/interfaces/IComputeLending.sol";
import {IComputeMarket} from "../../src/interfaces/IComputeMarket.sol";
import {ComputeLending} from "../../src/lending/ComputeLending.sol";
import {ReentrantTrader} from "../market/utils/ReentrantTrader.sol";
import {FeeOnTransferToken} from "../mocks/FeeOnTransferToken.sol";
import {MockPriceIndex} from "../mocks/MockPriceIndex.sol";
import {LendingBase} from "./LendingBase.sol";

/// @notice Attacks on the split of pledges out of the escrow, one per test, written as the attacker would play them and
/// named after what they attack: the escrow's loan credit (LENDING_ROLE), the lending module's measurement of what
/// arrived, the token's collateral role (COLLATERAL_ROLE, the lending module's alone), re-entry from a contract
/// lender's, holder's or buyer's ERC-1155 hook, and the collateral auctions of defaulted pledges (a third party
/// dumping the collateral, a borrower repaying mid-auction, a lender whose hook reverts, a fee-on-transfer payment).
/// Each ends with nothing of anyone else's moved. Then the outside review of the auctions (docs/SPEC.md §9, L-1 …
/// L-6), each proof of concept played as the reviewer wrote it and shown refused (with its exact error) or harmless,
/// one section per finding, the tests named `test_L<n>_…`; and the attacks on the loan-to-value cap that follows the
/// market's price index (IX-1 … IX-5, `test_IX<n>_…`). (The review's pledge findings, S-2 … S-7, are in
/// escrow/SecurityFindings.t.sol, played against the lending module.)
contract LendingSecurityFindings_Test is LendingBase {
    ReentrantTrader internal trader;

    function setUp() public override {
        super.setUp();
        trader = new ReentrantTrader();
        vm.prank(compliance);
        token.setAllowed(address(trader), true);
        vm.prank(admin);
        usdc.mint(address(trader), 1_000_000e6);
        trader.exec(address(usdc), abi.encodeCall(usdc.approve, (address(lending), type(uint256).max)));
    }

    /*//////////////////////////////////////////////////////////////
                        ESCROW: THE LOAN CREDIT
    //////////////////////////////////////////////////////////////*/

    /// @dev A rogue account holding LENDING_ROLE (a compromised or wrongly granted lending module) tries to credit
    /// itself the escrow's stablecoin: the bond, a seller's sale proceeds, a borrower's advance and a lender's
    /// repayment are all owed, so nothing is surplus and every attempt fails; only what it pays in itself can it
    /// credit, and the escrow stays exactly solvent.
    function test_RogueLendingRole_CannotCreditMoneyOwedToOthers() external {
        address rogue = makeAddr("rogue");
        bytes32 role = escrow.LENDING_ROLE();
        vm.prank(admin);
        escrow.grantRole(role, rogue);
        _buy(bob, _defaultOffer(), 40); // alice is owed 40 × PRICE
        uint256 repaid = _activePledge(); // alice is owed PRINCIPAL
        vm.prank(alice);
        lending.repay(repaid); // the lender is owed OWED
        _activePledge(); // alice is owed PRINCIPAL more
        (uint256 balance, uint256 obligations) = escrow.solvency(address(usdc));
        assertEq(balance, obligations, "everything held is owed");

        uint256[4] memory attempts = [balance, obligations - UNITS * PRICE, OWED, 1];
        for (uint256 i; i < attempts.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_LoanUnfunded.selector, attempts[i], 0));
            vm.prank(rogue);
            escrow.creditLoan(rogue, lotId, attempts[i]);
        }
        assertEq(escrow.claimable(rogue, address(usdc)), 0);
        assertEq(escrow.claimable(alice, address(usdc)), 40 * uint256(PRICE) + 2 * PRINCIPAL, "alice's credits intact");
        assertEq(escrow.claimable(lender, address(usdc)), OWED, "lender's repayment intact");
        assertEq(_bondTotal(lotId), UNITS * PRICE, "bond intact");

        // What the rogue pays in is the only surplus there is.
        vm.prank(admin);
        usdc.mint(rogue, 5e6);
        vm.prank(rogue);
        usdc.transfer(address(escrow), 5e6);
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_LoanUnfunded.selector, 5e6 + 1, 5e6));
        vm.prank(rogue);
        escrow.creditLoan(rogue, lotId, 5e6 + 1);
        vm.prank(rogue);
        escrow.creditLoan(rogue, lotId, 5e6);
        _assertExactlySolvent();

        // Everyone owed can still withdraw in full.
        address[3] memory owed = [alice, lender, rogue];
        for (uint256 i; i < owed.length; ++i) {
            uint256 credit = escrow.claimable(owed[i], address(usdc));
            uint256 before = usdc.balanceOf(owed[i]);
            vm.prank(owed[i]);
            escrow.withdraw(address(usdc), owed[i]);
            assertEq(usdc.balanceOf(owed[i]) - before, credit, "withdrawn in full");
        }
        _assertExactlySolvent();
    }

    /// @dev The module's LENDING_ROLE is its only door into the escrow's money: with it revoked, funding fails at the
    /// escrow and the lender's principal is rolled back (a module cut off by governance strands nothing).
    function test_LendingModuleWithoutRole_CannotCreditAnything() external {
        uint256 pledgeId = _defaultPledge();
        bytes32 role = escrow.LENDING_ROLE();
        vm.prank(admin);
        escrow.revokeRole(role, address(lending));
        uint256 lenderUsdc = usdc.balanceOf(lender);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, address(lending), role)
        );
        vm.prank(lender);
        lending.fundPledge(pledgeId);
        assertEq(usdc.balanceOf(lender), lenderUsdc, "principal rolled back");
        assertEq(escrow.claimable(alice, address(usdc)), 0);
        _assertExactlySolvent();
        _assertLendingHoldsNothing();
    }

    /*//////////////////////////////////////////////////////////////
                LENDING: WHAT ARRIVED, NOT WHAT WAS ASKED
    //////////////////////////////////////////////////////////////*/

    /// @dev On a fee-on-transfer stablecoin a lender tries to fund (and a borrower to repay) with less than the
    /// principal arriving, and to mask the shortfall with stablecoin donated to the escrow beforehand (which would
    /// pass the escrow's surplus check): the module measures the arrival itself and refuses, so the holder is credited
    /// nothing and the escrow's surplus stays owed to no one.
    function test_FeeOnTransferStablecoin_CannotUnderfundAPledge() external {
        // The escrow accepts the fee token as a second currency; a lot settling in it is issued while the fee is off
        // (an issuance must bond in full), then 1 % is burned on every transfer.
        FeeOnTransferToken fot = new FeeOnTransferToken(0);
        fot.mint(provider, UNITS * PRICE);
        vm.prank(provider);
        fot.approve(address(escrow), type(uint256).max);
        uint256 fotLot = _lotInCurrency(address(fot), alice, UNITS);
        fot.setFeeBps(100);
        fot.mint(lender, PRINCIPAL);
        vm.prank(lender);
        fot.approve(address(lending), type(uint256).max);
        uint256 shortBy = PRINCIPAL / 100;
        fot.mint(address(escrow), 2 * shortBy); // the donation: covers the fee twice over

        vm.prank(alice);
        uint256 pledgeId = lending.requestPledge(fotLot, PLEDGE_UNITS, lender, PRINCIPAL, FEE, maturity);
        vm.expectRevert(
            abi.encodeWithSelector(IComputeLending.Lending_PaymentShortfall.selector, PRINCIPAL, PRINCIPAL - shortBy)
        );
        vm.prank(lender);
        lending.fundPledge(pledgeId);

        assertEq(escrow.claimable(alice, address(fot)), 0, "holder not credited");
        assertEq(fot.balanceOf(lender), PRINCIPAL, "principal rolled back");
        assertEq(fot.balanceOf(address(escrow)), UNITS * PRICE + 2 * shortBy, "only the bond and the donation");
        assertEq(fot.balanceOf(address(lending)), 0, "lending module holds nothing");
        assertEq(uint8(lending.pledge(pledgeId).status), uint8(IComputeLending.PledgeStatus.Requested));
        (uint256 credits,,) = escrow.totals(address(fot));
        assertEq(credits, 0, "nothing credited");
    }

    /*//////////////////////////////////////////////////////////////
                  TOKEN: COLLATERAL IS THE LENDING MODULE'S
    //////////////////////////////////////////////////////////////*/

    /// @dev Whoever controls the escrow (ESCROW_ROLE) can no longer lock a holder's units, release a lender's
    /// collateral or seize it to an account of its choice: lock, unlock and seize need COLLATERAL_ROLE, which only
    /// the lending module holds. The pledge and its collateral stay intact.
    function test_Escrow_CannotLockUnlockOrSeizeUnits() external {
        uint256 pledgeId = _activePledge();
        bytes32 role = token.COLLATERAL_ROLE();
        assertTrue(token.hasRole(token.ESCROW_ROLE(), address(escrow)));
        assertFalse(token.hasRole(role, address(escrow)), "the escrow lacks COLLATERAL_ROLE");
        bytes memory unauthorized =
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, address(escrow), role);

        vm.startPrank(address(escrow));
        vm.expectRevert(unauthorized);
        token.lock(alice, lotId, 1);
        vm.expectRevert(unauthorized);
        token.unlock(alice, lotId, PLEDGE_UNITS);
        vm.expectRevert(unauthorized);
        token.seize(alice, bob, lotId, PLEDGE_UNITS);
        vm.stopPrank();

        assertEq(token.lockedBalanceOf(alice, lotId), PLEDGE_UNITS, "collateral still locked");
        assertEq(token.balanceOf(alice, lotId), UNITS, "holder keeps every unit");
        assertEq(token.balanceOf(bob, lotId), 0);
        _assertStatus(pledgeId, IComputeLending.PledgeStatus.Active);
        // The lender's claim still works at maturity.
        vm.warp(maturity);
        vm.prank(lender);
        lending.claimCollateral(pledgeId);
        assertEq(token.balanceOf(lender, lotId), PLEDGE_UNITS);
    }

    /// @dev The converse: the lending module (COLLATERAL_ROLE) cannot burn a holder's units through `redeemFrom`,
    /// which needs the escrow's ESCROW_ROLE.
    function test_LendingModule_CannotBurnUnits() external {
        bytes32 role = token.ESCROW_ROLE();
        assertFalse(token.hasRole(role, address(lending)), "the lending module lacks ESCROW_ROLE");
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, address(lending), role)
        );
        vm.prank(address(lending));
        token.redeemFrom(alice, lotId, 1);
        assertEq(token.balanceOf(alice, lotId), UNITS);
    }

    /*//////////////////////////////////////////////////////////////
                       RE-ENTRY FROM ERC-1155 HOOKS
    //////////////////////////////////////////////////////////////*/

    /// @dev A lender contract re-enters the lending module from the acceptance hook of the collateral it is seizing:
    /// to repay the pledge it is claiming (and keep both the units and the repayment), claim it a second time, or
    /// fund, cancel or request another pledge mid-claim. The module's guard refuses each, the whole claim reverts and
    /// nothing moves.
    function test_Reentry_FromLenderHookDuringClaimCollateral_Reverts() external {
        uint256 pledgeId = _requestPledge(alice, PLEDGE_UNITS, address(trader), PRINCIPAL, FEE, maturity);
        trader.exec(address(lending), abi.encodeCall(lending.fundPledge, (pledgeId)));
        uint256 other = _requestPledge(alice, PLEDGE_UNITS, address(0), PRINCIPAL, FEE, maturity);
        vm.warp(maturity);
        uint256 traderUsdc = usdc.balanceOf(address(trader));
        uint256 escrowUsdc = usdc.balanceOf(address(escrow));

        bytes[5] memory reentries = [
            abi.encodeCall(lending.repay, (pledgeId)),
            abi.encodeCall(lending.claimCollateral, (pledgeId)),
            abi.encodeCall(lending.fundPledge, (other)),
            abi.encodeCall(lending.cancelPledge, (other)),
            abi.encodeCall(lending.requestPledge, (lotId, 1, address(0), 1, 0, maturity + 1 days))
        ];
        for (uint256 i; i < reentries.length; ++i) {
            trader.arm(address(lending), reentries[i]);
            vm.expectRevert(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
            trader.exec(address(lending), abi.encodeCall(lending.claimCollateral, (pledgeId)));

            _assertStatus(pledgeId, IComputeLending.PledgeStatus.Active);
            _assertStatus(other, IComputeLending.PledgeStatus.Requested);
            assertEq(token.balanceOf(address(trader), lotId), 0, "no units seized");
            assertEq(token.lockedBalanceOf(alice, lotId), 2 * PLEDGE_UNITS, "collateral still locked");
            assertEq(usdc.balanceOf(address(trader)), traderUsdc, "trader paid nothing");
            assertEq(usdc.balanceOf(address(escrow)), escrowUsdc, "escrow unchanged");
            assertEq(escrow.claimable(address(trader), address(usdc)), 0, "no repayment credited");
        }

        // Disarmed, the claim goes through once.
        trader.arm(address(usdc), abi.encodeCall(usdc.balanceOf, (address(trader))));
        trader.exec(address(lending), abi.encodeCall(lending.claimCollateral, (pledgeId)));
        assertEq(token.balanceOf(address(trader), lotId), PLEDGE_UNITS, "collateral seized once");
        _assertStatus(pledgeId, IComputeLending.PledgeStatus.Claimed);
        _assertLendingHoldsNothing();
    }

    /// @dev A holder contract armed to re-enter is never called back: its collateral is locked and unlocked in place
    /// (no transfer, so no ERC-1155 hook) through request, funding, repayment and cancellation, and a claim moves the
    /// units away from it, calling only the lender's hook.
    function test_Reentry_HolderContractGetsNoHookInAnyPledgeFlow() external {
        vm.prank(alice);
        token.safeTransferFrom(alice, address(trader), lotId, 3 * PLEDGE_UNITS, ""); // hook fires, unarmed
        trader.arm(address(lending), abi.encodeCall(lending.cancelPledge, (1)));

        bytes memory request =
            abi.encodeCall(lending.requestPledge, (lotId, PLEDGE_UNITS, lender, PRINCIPAL, FEE, maturity));
        uint256 repaid = abi.decode(trader.exec(address(lending), request), (uint256));
        vm.prank(lender);
        lending.fundPledge(repaid);
        trader.exec(address(lending), abi.encodeCall(lending.repay, (repaid)));
        uint256 cancelled = abi.decode(trader.exec(address(lending), request), (uint256));
        trader.exec(address(lending), abi.encodeCall(lending.cancelPledge, (cancelled)));
        uint256 claimed = abi.decode(trader.exec(address(lending), request), (uint256));
        vm.prank(lender);
        lending.fundPledge(claimed);
        vm.warp(maturity);
        vm.prank(lender);
        lending.claimCollateral(claimed);

        assertTrue(trader.armed(), "the holder's hook never ran");
        _assertStatus(repaid, IComputeLending.PledgeStatus.Repaid);
        _assertStatus(cancelled, IComputeLending.PledgeStatus.Cancelled);
        _assertStatus(claimed, IComputeLending.PledgeStatus.Claimed);
        assertEq(token.balanceOf(address(trader), lotId), 2 * PLEDGE_UNITS, "lost only the claimed collateral");
        assertEq(token.lockedBalanceOf(address(trader), lotId), 0);
        assertEq(token.balanceOf(lender, lotId), PLEDGE_UNITS);
        assertEq(escrow.claimable(address(trader), address(usdc)), 2 * PRINCIPAL, "both advances credited");
        assertEq(escrow.claimable(lender, address(usdc)), OWED, "the repayment credited");
        _assertLendingHoldsNothing();
        _assertExactlySolvent();
    }

    /*//////////////////////////////////////////////////////////////
                         COLLATERAL AUCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @dev A third party (a buyer wanting the units cheap) waits out the grace and starts an auction with a floor of
    /// 1 base unit to buy the collateral for nothing: refused, as is any floor short of principal + fee by one base
    /// unit of value. With the lowest floor and start accepted (the band's lowest, for a day), buying everything at the
    /// last second still repays the lender in full; only the holder's surplus depends on the price.
    function test_ThirdParty_CannotDumpTheCollateralBelowTheDebt() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity + lending.AUCTION_GRACE());
        uint40 shortest = lending.MIN_AUCTION_DURATION();
        uint256[2] memory floors = [uint256(1), THIRD_PARTY_FLOOR - 1];
        for (uint256 i; i < floors.length; ++i) {
            vm.expectRevert(
                abi.encodeWithSelector(IComputeLending.Lending_FloorBelowDebt.selector, floors[i] * PLEDGE_UNITS, OWED)
            );
            _startAuction(bob, pledgeId, floors[i], floors[i], shortest);
        }
        _assertStatus(pledgeId, IComputeLending.PledgeStatus.Active);

        // The cheapest auction it may start, bought out a second before its end (at the floor, it has ended).
        _startAuction(bob, pledgeId, THIRD_PARTY_LOWEST_START, THIRD_PARTY_FLOOR, THIRD_PARTY_DURATION);
        vm.warp(block.timestamp + THIRD_PARTY_DURATION - 1);
        uint256 price = _buyAt(bob, pledgeId, PLEDGE_UNITS);
        assertEq(price, THIRD_PARTY_FLOOR + 46, "the floor plus 3.95 / 86400, rounded up");
        assertEq(escrow.claimable(lender, address(usdc)), OWED, "the lender is repaid in full");
        assertEq(lending.auctionOf(pledgeId).paidToLender, OWED);
        assertEq(
            escrow.claimable(alice, address(usdc)), PRINCIPAL + PLEDGE_UNITS * price - OWED, "the holder: the rest"
        );
        _assertStatus(pledgeId, IComputeLending.PledgeStatus.Liquidated);
        _assertExactlySolvent();
    }

    /// @dev The borrower watches the auction and, once a buyer has paid for units, tries to repay principal + fee to
    /// get every unit back (or to cancel the pledge): refused. The buyer keeps its units and the lender its proceeds.
    function test_Borrower_CannotRepayAfterTheAuctionStarted() external {
        uint256 pledgeId = _auctionedPledgeAnHourIn();
        _buyAt(bob, pledgeId, 20);
        bytes memory auctioning = abi.encodeWithSelector(
            IComputeLending.Lending_WrongPledgeStatus.selector, pledgeId, IComputeLending.PledgeStatus.Auctioning
        );
        uint256 aliceUsdc = usdc.balanceOf(alice);
        vm.expectRevert(auctioning);
        vm.prank(alice);
        lending.repay(pledgeId);
        vm.expectRevert(auctioning);
        vm.prank(alice);
        lending.cancelPledge(pledgeId);

        assertEq(usdc.balanceOf(alice), aliceUsdc, "nothing paid");
        assertEq(token.balanceOf(bob, lotId), 20, "the buyer keeps its units");
        assertEq(token.lockedBalanceOf(alice, lotId), PLEDGE_UNITS - 20, "the rest still for sale");
        assertEq(escrow.claimable(lender, address(usdc)), 20 * PRICE_AN_HOUR_IN, "the lender keeps the proceeds");
        // Buying the rest back at the auction's price is the borrower's only way to the units.
        _buyAt(alice, pledgeId, PLEDGE_UNITS - 20);
        _assertStatus(pledgeId, IComputeLending.PledgeStatus.Liquidated);
        assertEq(token.lockedBalanceOf(alice, lotId), 0);
    }

    /// @dev A buyer contract re-enters from the acceptance hook of the units it is buying: to buy again before the
    /// first purchase settles, to settle the auction mid-sale, to repay the pledge, or to start or claim another
    /// pledge's collateral. The guard refuses each, the whole purchase reverts and nothing moves.
    function test_Reentry_FromBuyerHookDuringBuyCollateral_Reverts() external {
        uint256 other = _requestPledge(alice, PLEDGE_UNITS, lender, PRINCIPAL, FEE, maturity + 1 hours);
        vm.prank(lender);
        lending.fundPledge(other);
        uint256 pledgeId = _auctionedPledge();
        vm.warp(maturity + 1 hours); // the other pledge matured, the auction still running
        trader.exec(address(usdc), abi.encodeCall(usdc.approve, (address(lending), type(uint256).max)));
        uint256 price = lending.auctionPriceAt(pledgeId, block.timestamp);
        uint256 traderUsdc = usdc.balanceOf(address(trader));
        uint256 escrowUsdc = usdc.balanceOf(address(escrow));

        bytes[5] memory reentries = [
            abi.encodeCall(lending.buyCollateral, (pledgeId, 10, type(uint256).max)),
            abi.encodeCall(lending.settleCollateralAuction, (pledgeId)),
            abi.encodeCall(lending.repay, (pledgeId)),
            abi.encodeCall(lending.startCollateralAuction, (other, AUCTION_START, AUCTION_FLOOR, AUCTION_DURATION)),
            abi.encodeCall(lending.claimCollateral, (other))
        ];
        for (uint256 i; i < reentries.length; ++i) {
            trader.arm(address(lending), reentries[i]);
            vm.expectRevert(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
            trader.exec(address(lending), abi.encodeCall(lending.buyCollateral, (pledgeId, 10, price)));

            IComputeLending.CollateralAuction memory a = lending.auctionOf(pledgeId);
            assertEq(a.unitsLeft, PLEDGE_UNITS, "no unit sold");
            assertEq(a.paidToLender, 0, "nothing paid");
            _assertStatus(pledgeId, IComputeLending.PledgeStatus.Auctioning);
            _assertStatus(other, IComputeLending.PledgeStatus.Active);
            assertEq(token.balanceOf(address(trader), lotId), 0, "no units bought");
            assertEq(usdc.balanceOf(address(trader)), traderUsdc, "the buyer paid nothing");
            assertEq(usdc.balanceOf(address(escrow)), escrowUsdc, "escrow unchanged");
            assertEq(escrow.claimable(lender, address(usdc)), 0, "nothing credited");
        }

        // Disarmed, the purchase goes through once.
        trader.arm(address(usdc), abi.encodeCall(usdc.balanceOf, (address(trader))));
        trader.exec(address(lending), abi.encodeCall(lending.buyCollateral, (pledgeId, 10, price)));
        assertEq(token.balanceOf(address(trader), lotId), 10);
        assertEq(escrow.claimable(lender, address(usdc)), 10 * price);
        _assertLendingHoldsNothing();
        _assertExactlySolvent();
    }

    /// @dev A lender contract re-enters from the acceptance hook of the unsold units a settlement seizes to it: to
    /// settle again, to buy from another running auction, or to start one. The guard refuses each and nothing moves.
    function test_Reentry_FromLenderHookDuringSettleCollateralAuction_Reverts() external {
        uint256 pledgeId = _requestPledge(alice, PLEDGE_UNITS, address(trader), PRINCIPAL, FEE, maturity);
        trader.exec(address(lending), abi.encodeCall(lending.fundPledge, (pledgeId)));
        uint256 running = _activePledge();
        uint256 active = _activePledge();
        vm.warp(maturity);
        trader.exec(
            address(lending),
            abi.encodeCall(lending.startCollateralAuction, (pledgeId, AUCTION_START, AUCTION_FLOOR, 1 hours))
        );
        _startAuction(lender, running, AUCTION_START, AUCTION_FLOOR, AUCTION_DURATION);
        vm.warp(block.timestamp + 1 hours);

        bytes[3] memory reentries = [
            abi.encodeCall(lending.settleCollateralAuction, (pledgeId)),
            abi.encodeCall(lending.buyCollateral, (running, 1, type(uint256).max)),
            abi.encodeCall(lending.startCollateralAuction, (active, AUCTION_START, AUCTION_FLOOR, AUCTION_DURATION))
        ];
        for (uint256 i; i < reentries.length; ++i) {
            trader.arm(address(lending), reentries[i]);
            vm.expectRevert(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
            lending.settleCollateralAuction(pledgeId);

            _assertStatus(pledgeId, IComputeLending.PledgeStatus.Auctioning);
            _assertStatus(running, IComputeLending.PledgeStatus.Auctioning);
            _assertStatus(active, IComputeLending.PledgeStatus.Active);
            assertEq(token.balanceOf(address(trader), lotId), 0, "no units seized");
            assertEq(token.lockedBalanceOf(alice, lotId), 3 * PLEDGE_UNITS, "every pledge still locked");
        }

        trader.arm(address(usdc), abi.encodeCall(usdc.balanceOf, (address(trader))));
        lending.settleCollateralAuction(pledgeId);
        assertEq(token.balanceOf(address(trader), lotId), PLEDGE_UNITS, "settled once");
        _assertStatus(pledgeId, IComputeLending.PledgeStatus.Liquidated);
    }

    /// @dev A lender contract whose acceptance hook reverts (here: it pulls stablecoin it was never allowed to) keeps
    /// its own ended auction from settling, since `receiverStatus` cannot see a hook's behaviour: the unsold units stay
    /// locked in the holder's wallet. That blocks nothing else: the holder's other pledge settles, its free units move.
    /// The way out is the lender's: fix its hook. Frozen or de-listed by compliance, it still keeps the units locked
    /// for itself while the lot can be redeemed (L-3); only from the lot's redeemableUntil, worthless, are they
    /// unlocked for the holder.
    function test_LenderWhoseHookReverts_BlocksOnlyItsOwnSettlement() external {
        uint256 stuck = _requestPledge(alice, PLEDGE_UNITS, address(trader), PRINCIPAL, FEE, maturity);
        trader.exec(address(lending), abi.encodeCall(lending.fundPledge, (stuck)));
        uint256 other = _activePledge();
        vm.warp(maturity);
        trader.exec(
            address(lending),
            abi.encodeCall(lending.startCollateralAuction, (stuck, AUCTION_START, AUCTION_FLOOR, AUCTION_DURATION))
        );
        _startAuction(lender, other, AUCTION_START, AUCTION_FLOOR, AUCTION_DURATION);
        vm.warp(block.timestamp + AUCTION_DURATION);
        trader.arm(address(usdc), abi.encodeCall(usdc.transferFrom, (alice, address(trader), 1)));

        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(trader), 0, 1));
        lending.settleCollateralAuction(stuck);
        _assertStatus(stuck, IComputeLending.PledgeStatus.Auctioning);

        // Only its own settlement: the other pledge settles, the holder's free units move.
        lending.settleCollateralAuction(other);
        _assertStatus(other, IComputeLending.PledgeStatus.Liquidated);
        assertEq(token.balanceOf(lender, lotId), PLEDGE_UNITS);
        assertEq(token.lockedBalanceOf(alice, lotId), PLEDGE_UNITS, "only the stuck pledge's units locked");
        vm.prank(alice);
        token.safeTransferFrom(alice, bob, lotId, UNITS - 2 * PLEDGE_UNITS, "");

        // Compliance freezes the contract lender: the settlement waits until the lot's redeemableUntil, then unlocks
        // the units for the holder.
        vm.prank(compliance);
        token.setFrozen(address(trader), true);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeLending.Lending_LenderCannotReceive.selector,
                stuck,
                IComputeCapacityToken.TransferStatus.ReceiverFrozen,
                endsAt
            )
        );
        lending.settleCollateralAuction(stuck);
        vm.warp(endsAt);
        lending.settleCollateralAuction(stuck);
        _assertStatus(stuck, IComputeLending.PledgeStatus.Liquidated);
        assertEq(token.lockedBalanceOf(alice, lotId), 0);
        assertEq(token.balanceOf(alice, lotId), PLEDGE_UNITS, "the holder keeps the unsold units");
        assertEq(token.balanceOf(address(trader), lotId), 0);
        assertTrue(trader.armed(), "the hook never ran to completion");
    }

    /// @dev On a fee-on-transfer stablecoin a buyer tries to take collateral paying less than its price (the token
    /// burns 1 % of the payment on the way), even with stablecoin donated to the escrow beforehand to cover the
    /// difference: the module measures what arrived and refuses, so nobody is credited and no unit moves.
    function test_FeeOnTransferStablecoin_CannotUnderpayACollateralPurchase() external {
        // The escrow accepts the fee token as a second currency; a lot settling in it is issued while the fee is off
        // (an issuance must bond in full), then 1 % is burned on every transfer.
        FeeOnTransferToken fot = new FeeOnTransferToken(0);
        fot.mint(provider, UNITS * PRICE);
        vm.prank(provider);
        fot.approve(address(escrow), type(uint256).max);
        uint256 fotLot = _lotInCurrency(address(fot), alice, UNITS);
        fot.setFeeBps(100);
        address[2] memory payers = [lender, bob];
        for (uint256 i; i < payers.length; ++i) {
            fot.mint(payers[i], 1000e6);
            vm.prank(payers[i]);
            fot.approve(address(lending), type(uint256).max);
        }
        // A 1-base-unit principal loses nothing to the fee (rounded down), so the pledge can be funded.
        vm.prank(alice);
        uint256 pledgeId = lending.requestPledge(fotLot, PLEDGE_UNITS, lender, 1, FEE, maturity);
        vm.prank(lender);
        lending.fundPledge(pledgeId);
        vm.warp(maturity);
        vm.prank(lender);
        lending.startCollateralAuction(pledgeId, AUCTION_START, AUCTION_FLOOR, AUCTION_DURATION);
        vm.warp(block.timestamp + 1 hours);
        uint256 cost = 10 * PRICE_AN_HOUR_IN;
        fot.mint(address(escrow), cost); // the donation: covers the fee a hundred times over
        uint256 held = fot.balanceOf(address(escrow));

        vm.expectRevert(
            abi.encodeWithSelector(IComputeLending.Lending_PaymentShortfall.selector, cost, cost - cost / 100)
        );
        vm.prank(bob);
        lending.buyCollateral(pledgeId, 10, PRICE_AN_HOUR_IN);

        assertEq(fot.balanceOf(bob), 1000e6, "payment rolled back");
        assertEq(fot.balanceOf(address(escrow)), held, "only the bond, the principal and the donation");
        assertEq(escrow.claimable(lender, address(fot)), 0, "lender not credited");
        assertEq(escrow.claimable(alice, address(fot)), 1, "holder credited only the advance");
        assertEq(token.balanceOf(bob, fotLot), 0, "no unit moved");
        assertEq(token.lockedBalanceOf(alice, fotLot), PLEDGE_UNITS);
        assertEq(lending.auctionOf(pledgeId).unitsLeft, PLEDGE_UNITS);
        assertEq(fot.balanceOf(address(lending)), 0, "lending module holds nothing");
    }

    /*//////////////////////////////////////////////////////////////
        REVIEW L-1: A THIRD PARTY'S FIXED-PRICE AUCTION TAKES THE HOLDER'S EQUITY
    //////////////////////////////////////////////////////////////*/

    /// @dev The reviewer's attack: after the grace, bob starts a "Dutch" auction whose start equals its floor (the debt
    /// per unit, 1.05) for an hour and buys every unit in the same block, 250 USDC of collateral for 105. Refused: a
    /// third party starts within [2, 4] × the reference price (5.00 … 10.00 here); and the pledge stays Active, so the
    /// holder's repayment still goes through.
    function test_L1_ThirdPartyCannotStartAtTheDebtPerUnit() external {
        uint256 pledgeId = _activePledge();
        vm.warp(uint256(maturity) + lending.AUCTION_GRACE());
        uint256 debtFloor = (OWED + PLEDGE_UNITS - 1) / PLEDGE_UNITS;
        uint40[2] memory durations = [lending.MIN_AUCTION_DURATION(), THIRD_PARTY_DURATION];
        for (uint256 i; i < durations.length; ++i) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IComputeLending.Lending_ThirdPartyStartPrice.selector,
                    debtFloor,
                    THIRD_PARTY_LOWEST_START,
                    THIRD_PARTY_HIGHEST_START
                )
            );
            _startAuction(bob, pledgeId, debtFloor, debtFloor, durations[i]);
        }
        _assertStatus(pledgeId, IComputeLending.PledgeStatus.Active);

        vm.prank(alice);
        lending.repay(pledgeId);
        _assertStatus(pledgeId, IComputeLending.PledgeStatus.Repaid);
        assertEq(token.lockedBalanceOf(alice, lotId), 0, "the holder keeps its collateral");
        assertEq(token.balanceOf(bob, lotId), 0);
    }

    /// @dev The second half of the attack on the terms a third party may still set: bob starts at the lowest start
    /// (5.00) and buys at once. Refused in the start block (by anyone: the lender too); a second later bob pays ~5.00 a
    /// unit, and the holder is credited its surplus over the debt instead of nothing.
    function test_L1_StarterCannotBuyInTheStartBlock() external {
        uint256 pledgeId = _activePledge();
        _thirdPartyAuction(bob, pledgeId);
        bytes memory notStarted = abi.encodeWithSelector(
            IComputeLending.Lending_AuctionNotStarted.selector, pledgeId, uint40(block.timestamp)
        );
        address[2] memory buyers = [bob, lender];
        for (uint256 i; i < buyers.length; ++i) {
            vm.expectRevert(notStarted);
            vm.prank(buyers[i]);
            lending.buyCollateral(pledgeId, PLEDGE_UNITS, type(uint256).max);
        }
        assertEq(lending.auctionOf(pledgeId).unitsLeft, PLEDGE_UNITS, "nothing sold in the start block");

        vm.warp(block.timestamp + 1);
        uint256 price = _buyAt(bob, pledgeId, PLEDGE_UNITS);
        assertGt(price, THIRD_PARTY_LOWEST_START - 100, "about the start price");
        assertEq(escrow.claimable(lender, address(usdc)), OWED, "the lender made whole");
        assertEq(
            escrow.claimable(alice, address(usdc)) - PRINCIPAL,
            PLEDGE_UNITS * price - OWED,
            "the holder gets the surplus"
        );
        assertGt(escrow.claimable(alice, address(usdc)) - PRINCIPAL, 390e6, "~395 USDC, not 0");
        _assertExactlySolvent();
    }

    /*//////////////////////////////////////////////////////////////
        REVIEW L-2: AN UNBUYABLE AUCTION RUNS TO THE LOT'S END
    //////////////////////////////////////////////////////////////*/

    /// @dev The reviewer's attack: an outsider starts an auction at 2^96 − 1 per unit until the lot's end, so nobody
    /// buys and the lender ends up with expired units. Refused: the outsider fails the token's compliance (L-4); an
    /// allowlisted third party cannot start above 4 × the reference price, not even with a floor that high (only the
    /// debt per unit lifts the cap), and no auction may end after `lot.endsAt − MATURITY_MARGIN`. The pledge stays
    /// Active and the lender claims live units.
    function test_L2_UnbuyableThirdPartyAuctionToTheLotsEnd_IsRefused() external {
        uint256 pledgeId = _activePledge();
        vm.warp(uint256(maturity) + lending.AUCTION_GRACE());
        uint256 absurd = type(uint96).max;
        uint40 toLotEnd = uint40(endsAt - block.timestamp);

        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeLending.Lending_CallerNotCompliant.selector,
                outsider,
                IComputeCapacityToken.TransferStatus.ReceiverNotAllowed
            )
        );
        _startAuction(outsider, pledgeId, absurd, absurd, toLotEnd);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeLending.Lending_ThirdPartyStartPrice.selector,
                absurd,
                THIRD_PARTY_LOWEST_START,
                THIRD_PARTY_HIGHEST_START
            )
        );
        _startAuction(bob, pledgeId, absurd, THIRD_PARTY_FLOOR, toLotEnd);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeLending.Lending_ThirdPartyStartPrice.selector, absurd, absurd, THIRD_PARTY_HIGHEST_START
            )
        );
        _startAuction(bob, pledgeId, absurd, absurd, toLotEnd);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeLending.Lending_InvalidAuctionEnd.selector,
                endsAt,
                block.timestamp + THIRD_PARTY_DURATION,
                _latestAuctionEnd()
            )
        );
        _startAuction(bob, pledgeId, THIRD_PARTY_HIGHEST_START, THIRD_PARTY_FLOOR, toLotEnd);
        _assertStatus(pledgeId, IComputeLending.PledgeStatus.Active);

        vm.prank(lender);
        lending.claimCollateral(pledgeId);
        vm.prank(lender);
        escrow.redeem(lotId, PLEDGE_UNITS);
        assertEq(token.balanceOf(lender, lotId), 0, "redeemed: the units were alive");
    }

    /// @dev The reviewer's second case: the lender's own auction ending at the lot's end settles expired units.
    /// Refused; an auction ending at the latest allowed, a day before the lot, settles units the lender can still
    /// redeem.
    function test_L2_LendersOwnAuction_EndsADayBeforeTheLot_UnsoldUnitsRedeemable() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeLending.Lending_InvalidAuctionEnd.selector,
                endsAt,
                block.timestamp + lending.MIN_AUCTION_DURATION(),
                _latestAuctionEnd()
            )
        );
        _startAuction(lender, pledgeId, 10 * uint256(PRICE), 4 * uint256(PRICE), uint40(endsAt - block.timestamp));

        _startAuction(
            lender, pledgeId, 10 * uint256(PRICE), 4 * uint256(PRICE), uint40(_latestAuctionEnd() - block.timestamp)
        );
        vm.warp(_latestAuctionEnd());
        lending.settleCollateralAuction(pledgeId);
        assertEq(token.balanceOf(lender, lotId), PLEDGE_UNITS);
        vm.prank(lender);
        uint256 redemptionId = escrow.redeem(lotId, PLEDGE_UNITS);
        assertEq(uint8(_redemptionStatus(redemptionId)), uint8(IComputeEscrow.RedemptionStatus.Open), "redeemable");
    }

    /// @dev A third party's auction that nobody buys from (here at the top of the band, for as long as allowed) costs
    /// the lender nothing: while nothing sold it claims out of the auction, with over two weeks of the lot left to
    /// redeem the units.
    function test_L2_LenderClaimsOutOfAStalledAuction() external {
        uint256 pledgeId = _activePledge();
        vm.warp(uint256(maturity) + lending.AUCTION_GRACE());
        _startAuction(
            bob,
            pledgeId,
            THIRD_PARTY_HIGHEST_START,
            THIRD_PARTY_HIGHEST_START,
            uint40(_latestAuctionEnd() - block.timestamp)
        );
        vm.warp(block.timestamp + 1 days);

        vm.prank(lender);
        lending.claimCollateral(pledgeId);
        _assertStatus(pledgeId, IComputeLending.PledgeStatus.Claimed);
        assertEq(token.balanceOf(lender, lotId), PLEDGE_UNITS, "the lender took the units");
        assertEq(token.lockedBalanceOf(alice, lotId), 0);
        assertGt(endsAt - block.timestamp, 2 weeks);
        vm.prank(lender);
        escrow.redeem(lotId, PLEDGE_UNITS);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeLending.Lending_WrongPledgeStatus.selector, pledgeId, IComputeLending.PledgeStatus.Claimed
            )
        );
        vm.prank(bob);
        lending.buyCollateral(pledgeId, 1, type(uint256).max);
    }

    /*//////////////////////////////////////////////////////////////
        REVIEW L-3: THE DEFAULTED BORROWER KEEPS PRINCIPAL AND COLLATERAL
    //////////////////////////////////////////////////////////////*/

    /// @dev The reviewer's attack: alice, the defaulted borrower, starts an unbuyable one-hour auction while the lender
    /// is briefly de-listed, and settles it at its end so her units are unlocked to her. The unbuyable price is refused
    /// (the band's top is four times the reference price) and so is the hour (a third party's auction lasts a day); a
    /// day at the top of the band, which nobody buys here, she may still start, but its settlement waits for the
    /// lender (Lending_LenderCannotReceive), and once it is re-listed the units go to it.
    function test_L3_SettleWhileTheLenderIsDelisted_WaitsForTheLender() external {
        uint256 pledgeId = _activePledge();
        vm.warp(uint256(maturity) + lending.AUCTION_GRACE());
        uint256 absurd = THIRD_PARTY_HIGHEST_START;
        uint40 oneHour = lending.MIN_AUCTION_DURATION();
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeLending.Lending_ThirdPartyStartPrice.selector,
                type(uint96).max,
                type(uint96).max,
                THIRD_PARTY_HIGHEST_START
            )
        );
        _startAuction(alice, pledgeId, type(uint96).max, type(uint96).max, THIRD_PARTY_DURATION);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeLending.Lending_InvalidAuctionEnd.selector,
                block.timestamp + oneHour,
                block.timestamp + THIRD_PARTY_DURATION,
                _latestAuctionEnd()
            )
        );
        _startAuction(alice, pledgeId, absurd, absurd, oneHour);

        _startAuction(alice, pledgeId, absurd, absurd, THIRD_PARTY_DURATION);
        vm.prank(compliance);
        token.setAllowed(lender, false); // temporary
        vm.warp(block.timestamp + THIRD_PARTY_DURATION);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeLending.Lending_LenderCannotReceive.selector,
                pledgeId,
                IComputeCapacityToken.TransferStatus.ReceiverNotAllowed,
                endsAt
            )
        );
        vm.prank(alice);
        lending.settleCollateralAuction(pledgeId);
        assertEq(token.lockedBalanceOf(alice, lotId), PLEDGE_UNITS, "still locked for the lender");

        vm.prank(compliance);
        token.setAllowed(lender, true); // back a day later: in time
        vm.prank(alice);
        lending.settleCollateralAuction(pledgeId);
        assertEq(token.balanceOf(lender, lotId), PLEDGE_UNITS, "the lender got the collateral");
        assertEq(token.balanceOf(alice, lotId), UNITS - PLEDGE_UNITS, "the borrower lost it");
        assertEq(token.lockedBalanceOf(alice, lotId), 0);
        assertEq(escrow.claimable(alice, address(usdc)), PRINCIPAL, "the borrower keeps only the advance");
    }

    /// @dev A lender that never becomes able to receive again: the units stay locked until the lot's redeemableUntil
    /// and only then are unlocked for the borrower, who can neither redeem nor sell them any more: worthless.
    function test_L3_LenderNeverRelisted_UnitsUnlockedOnlyOnceWorthless() external {
        uint256 pledgeId = _activePledge();
        _thirdPartyAuction(alice, pledgeId);
        vm.prank(compliance);
        token.setAllowed(lender, false);
        uint40 until = token.redeemableUntil(lotId);
        assertEq(until, endsAt);
        bytes memory waits = abi.encodeWithSelector(
            IComputeLending.Lending_LenderCannotReceive.selector,
            pledgeId,
            IComputeCapacityToken.TransferStatus.ReceiverNotAllowed,
            until
        );
        uint256[2] memory times = [uint256(lending.auctionOf(pledgeId).endsAt), uint256(until) - 1];
        for (uint256 i; i < times.length; ++i) {
            vm.warp(times[i]);
            vm.expectRevert(waits);
            lending.settleCollateralAuction(pledgeId);
        }
        assertEq(token.lockedBalanceOf(alice, lotId), PLEDGE_UNITS, "locked while the units are worth something");

        vm.warp(until);
        lending.settleCollateralAuction(pledgeId);
        _assertStatus(pledgeId, IComputeLending.PledgeStatus.Liquidated);
        assertEq(token.lockedBalanceOf(alice, lotId), 0, "unlocked only now");
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_RedemptionClosed.selector, lotId, until));
        vm.prank(alice);
        escrow.redeem(lotId, PLEDGE_UNITS);
        vm.expectRevert(abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_LotExpired.selector, lotId, endsAt));
        vm.prank(alice);
        token.safeTransferFrom(alice, bob, lotId, PLEDGE_UNITS, "");
    }

    /*//////////////////////////////////////////////////////////////
        REVIEW L-4: A FROZEN HOLDER LIQUIDATES ITS UNITS THROUGH A SELF-PLEDGE
    //////////////////////////////////////////////////////////////*/

    /// @dev The reviewer's attack starts with alice funding her own pledge (designated to herself, or open to anyone):
    /// refused, nothing credited; her units stay pledged until she cancels.
    function test_L4_HolderCannotFundItsOwnPledge() external {
        uint256 toSelf = _requestPledge(alice, PLEDGE_UNITS, alice, PRINCIPAL, FEE, maturity);
        uint256 open = _requestPledge(alice, PLEDGE_UNITS, address(0), PRINCIPAL, FEE, maturity);
        uint256[2] memory ids = [toSelf, open];
        uint256 aliceUsdc = usdc.balanceOf(alice);
        for (uint256 i; i < ids.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IComputeLending.Lending_SelfFunding.selector, ids[i]));
            vm.prank(alice);
            lending.fundPledge(ids[i]);
            _assertStatus(ids[i], IComputeLending.PledgeStatus.Requested);
        }
        assertEq(usdc.balanceOf(alice), aliceUsdc, "nothing paid");
        assertEq(escrow.claimable(alice, address(usdc)), 0, "nothing credited");
        vm.startPrank(alice);
        lending.cancelPledge(toSelf);
        lending.cancelPledge(open);
        vm.stopPrank();
        assertEq(token.lockedBalanceOf(alice, lotId), 0);
    }

    /// @dev Frozen on a real pledge, alice cannot turn the units into money either: she cannot start an auction (her own
    /// compliance), nor can anyone else, the lender included (the holder's); the lender claims the units and alice is
    /// credited nothing beyond her advance.
    function test_L4_FrozenHolder_NobodyStartsAnAuctionOfItsUnits() external {
        uint256 pledgeId = _activePledge();
        vm.prank(compliance);
        token.setFrozen(alice, true);
        vm.warp(uint256(maturity) + lending.AUCTION_GRACE());

        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeLending.Lending_CallerNotCompliant.selector,
                alice,
                IComputeCapacityToken.TransferStatus.ReceiverFrozen
            )
        );
        _startAuction(alice, pledgeId, THIRD_PARTY_LOWEST_START, THIRD_PARTY_FLOOR, THIRD_PARTY_DURATION);
        bytes memory holderFrozen = abi.encodeWithSelector(
            IComputeLending.Lending_HolderNotCompliant.selector,
            pledgeId,
            IComputeCapacityToken.TransferStatus.ReceiverFrozen
        );
        vm.expectRevert(holderFrozen);
        _startAuction(bob, pledgeId, THIRD_PARTY_LOWEST_START, THIRD_PARTY_FLOOR, THIRD_PARTY_DURATION);
        vm.expectRevert(holderFrozen);
        _startAuction(lender, pledgeId, AUCTION_START, AUCTION_FLOOR, AUCTION_DURATION);

        vm.prank(lender);
        lending.claimCollateral(pledgeId);
        assertEq(token.balanceOf(lender, lotId), PLEDGE_UNITS, "the lender takes the units");
        assertEq(escrow.claimable(alice, address(usdc)), PRINCIPAL, "the frozen holder: only its advance");
    }

    /// @dev Frozen mid-auction (after 30 units sold), the holder's remaining units are not sold for money credited to
    /// it: buys are refused; the lender cannot claim out of an auction that sold (Lending_AuctionHasSales) but gets the
    /// 70 unsold units at settlement. (Before the review this test asserted the opposite: the sale went on and the
    /// frozen holder was credited its surplus.)
    function test_L4_HolderFrozenMidAuction_ItsUnitsAreNotSold() external {
        uint256 pledgeId = _auctionedPledgeAnHourIn();
        _buyAt(bob, pledgeId, 30); // 84e6 to the lender
        vm.prank(compliance);
        token.setFrozen(alice, true);

        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeLending.Lending_HolderNotCompliant.selector,
                pledgeId,
                IComputeCapacityToken.TransferStatus.ReceiverFrozen
            )
        );
        vm.prank(provider);
        lending.buyCollateral(pledgeId, 70, type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(IComputeLending.Lending_AuctionHasSales.selector, pledgeId));
        vm.prank(lender);
        lending.claimCollateral(pledgeId);

        vm.warp(lending.auctionOf(pledgeId).endsAt);
        lending.settleCollateralAuction(pledgeId);
        _assertStatus(pledgeId, IComputeLending.PledgeStatus.Liquidated);
        assertEq(token.balanceOf(provider, lotId), 0, "nothing bought from the frozen holder");
        assertEq(token.balanceOf(lender, lotId), 70, "the unsold units to the lender");
        assertEq(escrow.claimable(lender, address(usdc)), 30 * PRICE_AN_HOUR_IN, "what the sale before the freeze paid");
        assertEq(escrow.claimable(alice, address(usdc)), PRINCIPAL, "the frozen holder credited nothing more");
        _assertExactlySolvent();
    }

    /*//////////////////////////////////////////////////////////////
        REVIEW L-5: THE AUCTION CLOCK RUNS THROUGH PAUSES
    //////////////////////////////////////////////////////////////*/

    /// @dev The reviewer's attack: the lender starts an auction while the token is paused (a claim is refused then, a
    /// start was not), nobody can buy, and the first buyer after the unpause takes it near the floor. Refused: no
    /// start while the token is paused; started after the unpause, the auction's price begins to fall only then.
    function test_L5_NoStartWhileTheTokenIsPaused() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity);
        vm.prank(pauser);
        token.pause();

        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(lender);
        lending.claimCollateral(pledgeId);
        vm.expectRevert(IComputeLending.Lending_TokenPaused.selector);
        _startAuction(lender, pledgeId, 3 * uint256(PRICE), THIRD_PARTY_FLOOR, 2 days);
        _assertStatus(pledgeId, IComputeLending.PledgeStatus.Active);

        vm.warp(block.timestamp + 2 days - 1);
        vm.prank(pauser);
        token.unpause();
        _startAuction(lender, pledgeId, 3 * uint256(PRICE), THIRD_PARTY_FLOOR, 2 days);
        vm.warp(block.timestamp + 1);
        uint256 price = _buyAt(bob, pledgeId, PLEDGE_UNITS);
        assertGt(price, 3 * uint256(PRICE) - 100, "near the start price, not the floor");
        assertGt(
            escrow.claimable(alice, address(usdc)) - PRINCIPAL, 640e6, "the holder's surplus kept (~645 USDC, not ~0)"
        );
    }

    /// @dev The reviewer's second case: the stablecoin is paused after the start; the price runs down while nobody can
    /// pay, and the first buyer after the unpause takes the floor. Refused: no buy while paused, nor within the cure
    /// after the pause was last recorded (a keeper records it before the unpause), which outlasts the auction here;
    /// the lapsed auction sold nothing, so the lender claims the units out of it (nobody bought at the floor).
    function test_L5_NoBuyWhileTheStablecoinIsPausedNorWithinTheCure() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity);
        uint256 floor = (OWED + PLEDGE_UNITS - 1) / PLEDGE_UNITS;
        _startAuction(lender, pledgeId, 3 * uint256(PRICE), floor, 2 days);
        uint40 auctionEnd = lending.auctionOf(pledgeId).endsAt;
        vm.warp(block.timestamp + 1 hours);
        vm.prank(admin);
        usdc.setPaused(true);
        lending.recordSettlementPause(address(usdc));

        vm.expectRevert(abi.encodeWithSelector(IComputeLending.Lending_SettlementPaused.selector, address(usdc)));
        vm.prank(bob);
        lending.buyCollateral(pledgeId, PLEDGE_UNITS, type(uint256).max);

        vm.warp(uint256(auctionEnd) - 1);
        lending.recordSettlementPause(address(usdc));
        vm.prank(admin);
        usdc.setPaused(false);
        uint256 cureEnd = block.timestamp + lending.SETTLEMENT_CURE();
        uint256 price = lending.auctionPriceAt(pledgeId, block.timestamp);
        assertLt(price, floor + 100, "the price ran down to about the floor");
        vm.expectRevert(abi.encodeWithSelector(IComputeLending.Lending_SettlementCure.selector, cureEnd));
        vm.prank(bob);
        lending.buyCollateral(pledgeId, PLEDGE_UNITS, price);
        vm.expectRevert(abi.encodeWithSelector(IComputeLending.Lending_SettlementCure.selector, cureEnd));
        vm.prank(lender);
        lending.claimCollateral(pledgeId);

        vm.warp(cureEnd);
        vm.expectRevert(abi.encodeWithSelector(IComputeLending.Lending_AuctionEnded.selector, pledgeId, auctionEnd));
        vm.prank(bob);
        lending.buyCollateral(pledgeId, PLEDGE_UNITS, price);
        assertEq(token.balanceOf(bob, lotId), 0, "nobody bought at the floor");
        vm.prank(lender);
        lending.claimCollateral(pledgeId);
        _assertStatus(pledgeId, IComputeLending.PledgeStatus.Claimed);
        assertEq(token.balanceOf(lender, lotId), PLEDGE_UNITS);
    }

    /*//////////////////////////////////////////////////////////////
        REVIEW L-6: A SHORT ESCROW REFUSES THE REPAYMENT, NOT THE CLAIM
    //////////////////////////////////////////////////////////////*/

    /// @dev The reviewer's attack: the escrow short by one base unit refuses alice's full repayment (the escrow credits
    /// only surplus: still so, M-8), while the lender claims the collateral over a 1-wei shortfall. Refused now: no claim
    /// and no auction (by the lender or, after the grace, anyone) while the escrow holds less than it owes; once the gap
    /// is paid in, alice repays and keeps her units.
    function test_L6_EscrowShortByOne_NoClaimNoAuction() external {
        uint256 pledgeId = _activePledge();
        (uint256 balance, uint256 obligations) = escrow.solvency(address(usdc));
        _shortEscrow(1);

        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_LoanUnfunded.selector, OWED, OWED - 1));
        vm.prank(alice);
        lending.repay(pledgeId);

        bytes memory shortfall =
            abi.encodeWithSelector(IComputeLending.Lending_EscrowShortfall.selector, balance - 1, obligations);
        vm.warp(maturity);
        vm.expectRevert(shortfall);
        vm.prank(lender);
        lending.claimCollateral(pledgeId);
        vm.expectRevert(shortfall);
        _startAuction(lender, pledgeId, AUCTION_START, AUCTION_FLOOR, AUCTION_DURATION);
        vm.warp(uint256(maturity) + lending.AUCTION_GRACE());
        vm.expectRevert(shortfall);
        _startAuction(bob, pledgeId, THIRD_PARTY_LOWEST_START, THIRD_PARTY_FLOOR, THIRD_PARTY_DURATION);
        _assertStatus(pledgeId, IComputeLending.PledgeStatus.Active);
        assertEq(token.balanceOf(lender, lotId), 0, "the collateral not lost over 1 wei");

        vm.prank(admin);
        usdc.mint(address(escrow), 1);
        vm.prank(alice);
        lending.repay(pledgeId);
        _assertStatus(pledgeId, IComputeLending.PledgeStatus.Repaid);
        assertEq(token.lockedBalanceOf(alice, lotId), 0, "the holder keeps its units");
        assertEq(escrow.claimable(lender, address(usdc)), OWED, "the lender repaid");
        _assertExactlySolvent();
    }

    /// @dev The same shortfall arising during an auction that sold nothing: the lender's claim out of it waits too.
    function test_L6_EscrowShortDuringAnAuction_NoClaimOut() external {
        uint256 pledgeId = _auctionedPledgeAnHourIn();
        (uint256 balance, uint256 obligations) = escrow.solvency(address(usdc));
        _shortEscrow(1);
        vm.expectRevert(
            abi.encodeWithSelector(IComputeLending.Lending_EscrowShortfall.selector, balance - 1, obligations)
        );
        vm.prank(lender);
        lending.claimCollateral(pledgeId);
        _assertStatus(pledgeId, IComputeLending.PledgeStatus.Auctioning);
    }

    /*//////////////////////////////////////////////////////////////
          IX: THE LOAN-TO-VALUE CAP FOLLOWING THE PRICE INDEX
    //////////////////////////////////////////////////////////////*/

    /// @dev The fixture lot's cap for PLEDGE_UNITS at its reference price: 100 × 2.50 × 50 % = 125e6.
    uint256 internal constant REFERENCE_CAP = PLEDGE_UNITS * PRICE * DEFAULT_LTV / 10_000;

    /// @dev A rogue RISK_ROLE holder (or a wrong address) points the module at its own index.
    function _rogueIndex() internal returns (MockPriceIndex index) {
        address rogueRisk = makeAddr("rogue-risk");
        bytes32 role = lending.RISK_ROLE();
        vm.prank(admin);
        lending.grantRole(role, rogueRisk);
        index = new MockPriceIndex();
        vm.prank(rogueRisk);
        lending.setPriceIndex(IComputeMarket(address(index)));
    }

    /// @dev IX-1: an index that answers the largest prices there are (last, average, a trade just now) cannot lift
    /// the cap above today's reference-price cap, nor overflow it: min(referencePrice, average) is the reference price.
    function test_IX1_RogueIndexCannotRaiseCap() external {
        MockPriceIndex index = _rogueIndex();
        index.set(type(uint256).max, uint40(block.timestamp), type(uint256).max);
        assertEq(lending.maxPrincipal(lotId, PLEDGE_UNITS), REFERENCE_CAP, "cap unchanged");
        assertEq(lending.maxPrincipal(lotId, UNITS), UNITS * PRICE * DEFAULT_LTV / 10_000, "no overflow either");
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeLending.Lending_LoanToValueExceeded.selector, REFERENCE_CAP + 1, REFERENCE_CAP
            )
        );
        vm.prank(alice);
        lending.requestPledge(lotId, PLEDGE_UNITS, bob, REFERENCE_CAP + 1, 0, maturity);
        // The same index claiming a trade far in the future or the highest uint40 time changes nothing either.
        index.set(type(uint256).max, type(uint40).max, type(uint256).max);
        assertEq(lending.maxPrincipal(lotId, PLEDGE_UNITS), REFERENCE_CAP, "still the reference-price cap");
    }

    /// @dev IX-2 (M-2): two colluding allowlisted accounts wash-trade the lot at 100× its reference price for a whole
    /// index window, so the real market's average reads 250.00: the cap does not move above the reference-price cap.
    function test_IX2_WashTradesCannotRaiseCap() external {
        vm.prank(risk);
        lending.setPriceIndex(IComputeMarket(address(market)));
        uint256 washPrice = uint256(PRICE) * 100;
        _buy(bob, _createOffer(alice, 10, washPrice, endsAt), 10); // bob pays alice, alice pays bob back off-chain
        vm.warp(block.timestamp + market.indexWindow());
        IComputeCapacityToken.Lot memory record = token.lot(lotId);
        (,, uint256 average) = market.priceOf(record.gpuModel, record.region, address(usdc));
        assertEq(average, washPrice, "the index reads the wash price");
        maturity = uint40(block.timestamp + 10 days);
        assertEq(lending.maxPrincipal(lotId, PLEDGE_UNITS), REFERENCE_CAP, "cap unchanged");
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeLending.Lending_LoanToValueExceeded.selector, REFERENCE_CAP + 1, REFERENCE_CAP
            )
        );
        vm.prank(alice);
        lending.requestPledge(lotId, PLEDGE_UNITS, lender, REFERENCE_CAP + 1, 0, maturity);
    }

    /// @dev IX-3: the same colluders wash-trade at 1 base unit instead: the cap follows the index down to almost
    /// nothing. This is the accepted residue — it lowers what borrowers may ask for (a grief on new requests of that
    /// key, undone by switching the index off) and never what any lender is owed; requests already made keep their
    /// principal and can still be funded and repaid.
    function test_IX3_WashTradesCanOnlyLowerCap() external {
        uint256 earlier = _defaultPledge();
        vm.prank(risk);
        lending.setPriceIndex(IComputeMarket(address(market)));
        _buy(bob, _createOffer(alice, 10, 1, endsAt), 10);
        vm.warp(block.timestamp + market.indexWindow());
        uint256 lowered = lending.maxPrincipal(lotId, PLEDGE_UNITS);
        assertEq(lowered, PLEDGE_UNITS * 1 * DEFAULT_LTV / 10_000, "cap at the wash price");
        assertLt(lowered, REFERENCE_CAP);

        vm.prank(lender);
        lending.fundPledge(earlier);
        vm.prank(alice);
        lending.repay(earlier);
        _assertStatus(earlier, IComputeLending.PledgeStatus.Repaid);

        vm.prank(risk);
        lending.setPriceIndex(IComputeMarket(address(0)));
        assertEq(lending.maxPrincipal(lotId, PLEDGE_UNITS), REFERENCE_CAP, "switched off: reference-price cap");
    }

    /// @dev IX-4: an index that reverts (or answers too little data, or a time that is no uint40) refuses new
    /// requests with `Lending_PriceIndexUnavailable` — and `maxPrincipal`, the SDK's preflight, reverts the same way
    /// — rather than silently falling back to the higher reference-price cap. Nothing else reads the index: a
    /// request made before is funded, a pledge repaid, another's collateral claimed after maturity.
    function test_IX4_RevertingIndexRefusesRequests_PledgesStillClose() external {
        uint256 requested = _defaultPledge();
        uint256 toRepay = _activePledge();
        uint256 toClaim = _activePledge();
        MockPriceIndex index = _rogueIndex();
        bytes memory unavailable =
            abi.encodeWithSelector(IComputeLending.Lending_PriceIndexUnavailable.selector, address(index));
        MockPriceIndex.Mode[3] memory modes =
            [MockPriceIndex.Mode.Revert, MockPriceIndex.Mode.ShortData, MockPriceIndex.Mode.DirtyTime];
        for (uint256 i; i < modes.length; ++i) {
            index.setMode(modes[i]);
            vm.expectRevert(unavailable);
            lending.maxPrincipal(lotId, 1);
            vm.expectRevert(unavailable);
            vm.prank(alice);
            lending.requestPledge(lotId, 1, lender, 1, 0, maturity);
        }

        vm.prank(lender);
        lending.fundPledge(requested);
        vm.prank(alice);
        lending.repay(toRepay);
        vm.warp(maturity);
        vm.prank(lender);
        lending.claimCollateral(toClaim);
        _assertStatus(requested, IComputeLending.PledgeStatus.Active);
        _assertStatus(toRepay, IComputeLending.PledgeStatus.Repaid);
        _assertStatus(toClaim, IComputeLending.PledgeStatus.Claimed);
        _assertExactlySolvent();
    }

    /// @dev IX-5: an index answering 64 KiB (a return bomb) costs the request only the three words it reads (the
    /// module copies no more), and those say "never traded": the reference-price cap applies. An address without
    /// code is refused when set (it would answer every call with success and no data).
    function test_IX5_ReturnBombAndCodelessIndex() external {
        MockPriceIndex index = _rogueIndex();
        index.setMode(MockPriceIndex.Mode.ReturnBomb);
        assertEq(lending.maxPrincipal(lotId, PLEDGE_UNITS), REFERENCE_CAP, "never traded: reference-price cap");
        uint256 gasBefore = gasleft();
        uint256 pledgeId = _requestPledge(alice, PLEDGE_UNITS, lender, REFERENCE_CAP, 0, maturity);
        assertLt(gasBefore - gasleft(), 400_000, "bounded gas");
        assertEq(lending.pledge(pledgeId).principal, REFERENCE_CAP);

        address codeless = makeAddr("codeless-index");
        vm.expectRevert(abi.encodeWithSelector(IComputeLending.Lending_InvalidPriceIndex.selector, codeless));
        vm.prank(risk);
        lending.setPriceIndex(IComputeMarket(codeless));
    }
}
