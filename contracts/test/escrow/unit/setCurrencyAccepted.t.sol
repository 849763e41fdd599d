// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {MockStablecoin} from "../../mocks/MockStablecoin.sol";
import {RawDecimals} from "../../mocks/RawDecimals.sol";
import {MultiCurrencyBase} from "../MultiCurrencyBase.sol";

/// @dev A contract that answers every call, `decimals()` included, with no data.
contract SilentFallback {
    fallback() external {}
}

/// @notice Branching-tree tests of `setCurrencyAccepted` (see setCurrencyAccepted.tree). The fixture accepts EURC and
/// an 18-decimal coin besides USDC and issues a lot in each (MultiCurrencyBase).
contract SetCurrencyAccepted_Unit_Test is MultiCurrencyBase {
    MockStablecoin internal fresh;

    function setUp() public override {
        super.setUp();
        fresh = new MockStablecoin("Pound Coin (test)", "GBPC", 6, admin);
        vm.prank(admin);
        fresh.mint(provider, 1_000_000e6);
        vm.prank(provider);
        fresh.approve(address(escrow), type(uint256).max);
    }

    function _set(address currency, bool accepted) internal {
        vm.prank(admin);
        escrow.setCurrencyAccepted(currency, accepted);
    }

    function _expectInvalid(address currency, bool accepted) internal {
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_InvalidCurrency.selector, currency));
        _set(currency, accepted);
    }

    function _assertInfo(address currency, bool accepted, uint8 decimals) internal view {
        (bool isAccepted, uint8 recorded) = escrow.currencyInfo(currency);
        assertEq(isAccepted, accepted, "accepted");
        assertEq(recorded, decimals, "decimals");
    }

    /// @dev Issues a new lot in `currency` (tagged `tag`), expecting the issuance to be refused with
    /// Escrow_CurrencyNotAccepted and nothing to be recorded.
    function _expectLotRefused(address currency, string memory tag) internal {
        IComputeCapacityToken.LotSpec memory spec = _specIn(currency, PRICE, tag);
        uint256 id = token.lotIdOf(spec);
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_CurrencyNotAccepted.selector, currency));
        vm.prank(provider);
        token.issueLot(spec, provider, 10);
        assertEq(escrow.currencyOf(id), address(0), "no currency recorded");
        assertFalse(token.exists(id), "no lot");
    }

    /*//////////////////////////////////////////////////////////////
                                 ACCESS
    //////////////////////////////////////////////////////////////*/

    function test_RevertWhen_TheCallerDoesNotHaveDEFAULTADMINROLE() external {
        bytes32 role = escrow.DEFAULT_ADMIN_ROLE();
        address[6] memory callers = [registrar, compliance, pauser, risk, provider, outsider];
        for (uint256 i; i < callers.length; ++i) {
            vm.expectRevert(
                abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, callers[i], role)
            );
            vm.prank(callers[i]);
            escrow.setCurrencyAccepted(address(fresh), true);
        }
        _assertInfo(address(fresh), false, 0);
        // Nor can anyone but the admin stop a currency.
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, bob, role));
        vm.prank(bob);
        escrow.setCurrencyAccepted(address(eurc), false);
        _assertInfo(address(eurc), true, 6);
    }

    function test_RevertWhen_TheCallerHasMARKETROLEOrLENDINGROLE() external {
        bytes32 role = escrow.DEFAULT_ADMIN_ROLE();
        address[2] memory modules = [address(market), address(lending)];
        for (uint256 i; i < modules.length; ++i) {
            vm.expectRevert(
                abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, modules[i], role)
            );
            vm.prank(modules[i]);
            escrow.setCurrencyAccepted(address(fresh), true);
        }
        _assertInfo(address(fresh), false, 0);
    }

    /*//////////////////////////////////////////////////////////////
                           ACCEPTING A NEW ONE
    //////////////////////////////////////////////////////////////*/

    function test_RevertWhen_TheCurrencyIsTheZeroAddress() external {
        _expectInvalid(address(0), true);
        _assertInfo(address(0), false, 0);
    }

    function test_RevertWhen_TheCurrencyIsNotAContract() external {
        address eoa = makeAddr("an account, not a token");
        _expectInvalid(eoa, true);
        _assertInfo(eoa, false, 0);
    }

    /// @dev The oracle is a contract without `decimals()` (and without a fallback): the call reverts, which the escrow
    /// turns into its own error.
    function test_RevertWhen_TheCurrencyHasNoDecimalsFunction() external {
        _expectInvalid(address(oracle), true);
        _expectInvalid(address(token), true);
        _assertInfo(address(oracle), false, 0);
    }

    /// @dev C-1: a contract whose fallback answers `decimals()` with empty data. The call succeeds; the escrow reads
    /// the answer itself (no ABI decoding that could fail outside a try/catch) and refuses it with its own error.
    function test_RevertWhen_TheCurrencyAnswersDecimalsWithNoData() external {
        address silent = address(new SilentFallback());
        _expectInvalid(silent, true);
        _assertInfo(silent, false, 0);
        // Still unknown: refusing it is refused as for any currency never accepted.
        _expectInvalid(silent, false);
    }

    /// @dev C-1: an answer shorter than a word holds no uint8 return value.
    function test_RevertWhen_TheCurrencyAnswersDecimalsWithFewerThan32Bytes() external {
        address oneByte = address(new RawDecimals(hex"06", false));
        _expectInvalid(oneByte, true);
        _assertInfo(oneByte, false, 0);
        address almostAWord = address(new RawDecimals(abi.encodePacked(bytes31(uint248(6))), false));
        _expectInvalid(almostAWord, true);
        _assertInfo(almostAWord, false, 0);
    }

    /// @dev C-1: a whole word above 255 is no uint8 (the ABI decoder's range check used to revert without data).
    function test_RevertWhen_TheCurrencyAnswersDecimalsWithAWordAbove255() external {
        address above = address(new RawDecimals(abi.encode(uint256(256)), false));
        _expectInvalid(above, true);
        _assertInfo(above, false, 0);
        address max = address(new RawDecimals(abi.encode(type(uint256).max), false));
        _expectInvalid(max, true);
        _assertInfo(max, false, 0);
    }

    /// @dev The edges of a valid answer: 255 fits a uint8; of a longer answer the first word counts, as for the ABI
    /// decoder.
    function test_When_TheCurrencyAnswersDecimalsWith255OrWithMoreThanOneWord() external {
        address edge = address(new RawDecimals(abi.encode(uint256(255)), false));
        vm.expectEmit(address(escrow));
        emit IComputeEscrow.CurrencyAcceptanceSet(edge, true, 255);
        _set(edge, true);
        _assertInfo(edge, true, 255);
        address longer = address(new RawDecimals(abi.encode(uint256(6), uint256(7)), false));
        _set(longer, true);
        _assertInfo(longer, true, 6);
    }

    function test_When_TheCurrencyHas6Decimals() external {
        vm.expectEmit(address(escrow));
        emit IComputeEscrow.CurrencyAcceptanceSet(address(fresh), true, 6);
        _set(address(fresh), true);
        _assertInfo(address(fresh), true, 6);

        // New lots may name it: the bond is pulled in it and the lot's currency recorded.
        uint256 id = _lotIn(address(fresh), PRICE, alice, 10, "gbpc lot");
        assertEq(escrow.currencyOf(id), address(fresh));
        assertEq(fresh.balanceOf(address(escrow)), 10 * uint256(PRICE), "bonded in the new currency");
        (, uint256 bonds,) = escrow.totals(address(fresh));
        assertEq(bonds, 10 * uint256(PRICE));
    }

    function test_When_TheCurrencyHas18Decimals() external {
        MockStablecoin coin = new MockStablecoin("Dollar 18 bis (test)", "USD18B", 18, admin);
        vm.expectEmit(address(escrow));
        emit IComputeEscrow.CurrencyAcceptanceSet(address(coin), true, 18);
        _set(address(coin), true);
        _assertInfo(address(coin), true, 18);
        _assertInfo(address(usd18), true, 18); // the fixture's, accepted in setUp
    }

    /*//////////////////////////////////////////////////////////////
                           ACCEPTING AGAIN
    //////////////////////////////////////////////////////////////*/

    function test_When_AcceptingACurrencyAlreadyAccepted() external {
        vm.expectEmit(address(escrow));
        emit IComputeEscrow.CurrencyAcceptanceSet(address(eurc), true, 6);
        _set(address(eurc), true);
        _assertInfo(address(eurc), true, 6);
        assertEq(escrow.currencyOf(eurcLot), address(eurc), "its lot unchanged");
    }

    /// @dev Re-accepting does not read the decimals again: a coin that answers differently now keeps the figure it
    /// was accepted with (the mock's decimals are fixed, so the test changes what the call returns).
    function test_When_AcceptingACurrencyRefusedBefore() external {
        _set(address(eurc), false);
        vm.mockCall(address(eurc), abi.encodeWithSignature("decimals()"), abi.encode(uint8(2)));
        vm.expectEmit(address(escrow));
        emit IComputeEscrow.CurrencyAcceptanceSet(address(eurc), true, 6);
        _set(address(eurc), true);
        vm.clearMockedCalls();
        _assertInfo(address(eurc), true, 6);

        uint256 id = _lotIn(address(eurc), EUR_PRICE, alice, 10, "eurc lot after re-acceptance");
        assertEq(escrow.currencyOf(id), address(eurc));
    }

    /*//////////////////////////////////////////////////////////////
                                REFUSING
    //////////////////////////////////////////////////////////////*/

    function test_RevertWhen_RefusingACurrencyNeverAccepted() external {
        _expectInvalid(address(fresh), false);
        _assertInfo(address(fresh), false, 0);
        _expectInvalid(address(0), false);
    }

    function test_When_RefusingAnAcceptedCurrency() external {
        vm.expectEmit(address(escrow));
        emit IComputeEscrow.CurrencyAcceptanceSet(address(usd18), false, 18);
        _set(address(usd18), false);
        _assertInfo(address(usd18), false, 18);
        _expectLotRefused(address(usd18), "usd18 lot after refusal");
        // The other currencies are untouched.
        _assertInfo(address(usdc), true, 6);
        _assertInfo(address(eurc), true, 6);
    }

    function test_When_RefusingItASecondTime() external {
        _set(address(usd18), false);
        vm.expectEmit(address(escrow));
        emit IComputeEscrow.CurrencyAcceptanceSet(address(usd18), false, 18);
        _set(address(usd18), false);
        _assertInfo(address(usd18), false, 18);
        _expectLotRefused(address(usd18), "usd18 lot after two refusals");
    }

    /// @dev The constructor's stablecoin is a currency like the others: it can be refused for new lots, and the fixture's
    /// lot keeps settling in it.
    function test_When_RefusingTheCurrencyTheEscrowWasDeployedWith() external {
        _set(address(usdc), false);
        _assertInfo(address(usdc), false, 6);
        assertEq(address(escrow.STABLECOIN()), address(usdc), "still the first currency");
        _expectLotRefused(address(usdc), "usdc lot after refusal");

        _buy(bob, _defaultOffer(), 10);
        assertEq(escrow.claimable(alice, address(usdc)), 10 * uint256(PRICE), "the fixture's lot still sells");
        vm.prank(alice);
        escrow.withdraw(address(usdc), alice);
    }

    /// @dev Nothing is trapped: every flow of a lot issued in a currency keeps settling in it once it is refused.
    function test_When_ALotAlreadySettlesInTheRefusedCurrency() external {
        _set(address(eurc), false);
        uint256 escrowEurc = eurc.balanceOf(address(escrow));

        // Issuing more units pulls their bond in EURC.
        vm.prank(provider);
        token.issue(eurcLot, provider, 10);
        (uint256 bond,) = escrow.bondOf(eurcLot);
        assertEq(bond, (UNITS + 10) * EUR_PRICE, "bonded in EURC");
        assertEq(eurc.balanceOf(address(escrow)) - escrowEurc, 10 * uint256(EUR_PRICE));

        // A sale credits alice in EURC.
        vm.prank(alice);
        uint256 offerId = market.createOffer(eurcLot, 100, EUR_PRICE, endsAt);
        _buy(bob, offerId, 100);
        assertEq(escrow.claimable(alice, address(eurc)), 100 * uint256(EUR_PRICE), "sale credited in EURC");

        // A pledge: principal to alice, repayment to the lender, both in EURC.
        vm.prank(alice);
        uint256 pledgeId = lending.requestPledge(eurcLot, PLEDGE_UNITS, lender, PRINCIPAL, FEE, maturity);
        vm.prank(lender);
        lending.fundPledge(pledgeId);
        vm.prank(alice);
        lending.repay(pledgeId);
        assertEq(escrow.claimable(lender, address(eurc)), PRINCIPAL + FEE, "repayment credited in EURC");

        // A redemption left undelivered is refunded in EURC.
        vm.prank(alice);
        uint256 redemptionId = escrow.redeem(eurcLot, 10);
        vm.warp(escrow.redemption(redemptionId).deadline + 1);
        escrow.claimRefund(redemptionId);
        uint256 aliceCredit = 100 * uint256(EUR_PRICE) + PRINCIPAL + 10 * uint256(EUR_PRICE);
        assertEq(escrow.claimable(alice, address(eurc)), aliceCredit, "refund credited in EURC");

        // Every credit is paid out in EURC; the escrow is left holding exactly the bond.
        uint256 before = eurc.balanceOf(alice);
        vm.prank(alice);
        escrow.withdraw(address(eurc), alice);
        assertEq(eurc.balanceOf(alice) - before, aliceCredit);
        vm.prank(lender);
        escrow.withdraw(address(eurc), lender);
        (bond,) = escrow.bondOf(eurcLot);
        assertEq(eurc.balanceOf(address(escrow)), bond, "exactly the bond left");
        _assertExactlySolventInEach();
        _assertInfo(address(eurc), false, 6);
    }
}
