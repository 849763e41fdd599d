// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {MockStablecoin} from "../../mocks/MockStablecoin.sol";
import {MultiCurrencyBase} from "../MultiCurrencyBase.sol";

/// @notice Branching-tree tests of the escrow's `coverIssue` (IBondVault), mostly through the token's issuances (see
/// coverIssue.tree): the first issuance names the lot's currency, later ones are covered in it.
contract CoverIssue_Unit_Test is MultiCurrencyBase {
    /// @dev The escrow's balances of the three currencies.
    function _held() internal view returns (uint256[3] memory) {
        return [usdc.balanceOf(address(escrow)), eurc.balanceOf(address(escrow)), usd18.balanceOf(address(escrow))];
    }

    function _bonds(address currency) internal view returns (uint256 bonds) {
        (, bonds,) = escrow.totals(currency);
    }

    function test_RevertWhen_TheCallerIsNotTheToken() external {
        address[3] memory callers = [provider, address(market), admin];
        for (uint256 i; i < callers.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_CallerNotToken.selector, callers[i]));
            vm.prank(callers[i]);
            escrow.coverIssue(eurcLot, address(eurc), provider, UNITS + 1, EUR_PRICE);
        }
        assertEq(escrow.currencyOf(eurcLot), address(eurc));
    }

    function test_RevertWhen_TheCurrencyWasNeverAccepted() external {
        MockStablecoin other = new MockStablecoin("Other (test)", "OTH", 6, admin);
        IComputeCapacityToken.LotSpec memory spec = _specIn(address(other), PRICE, "lot in an unknown currency");
        uint256 id = token.lotIdOf(spec);
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_CurrencyNotAccepted.selector, address(other)));
        vm.prank(provider);
        token.issueLot(spec, provider, 10);
        assertFalse(token.exists(id), "the issuance is refused");
        assertEq(escrow.currencyOf(id), address(0));
    }

    function test_RevertWhen_TheCurrencyIsNoLongerAccepted() external {
        vm.prank(admin);
        escrow.setCurrencyAccepted(address(eurc), false);
        IComputeCapacityToken.LotSpec memory spec = _specIn(address(eurc), EUR_PRICE, "new eurc lot");
        uint256[3] memory held = _held();
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_CurrencyNotAccepted.selector, address(eurc)));
        vm.prank(provider);
        token.issueLot(spec, provider, 10);
        assertFalse(token.exists(token.lotIdOf(spec)));
        assertEq(keccak256(abi.encode(_held())), keccak256(abi.encode(held)), "nothing pulled");
    }

    function test_When_TheCurrencyIsAccepted() external {
        IComputeCapacityToken.LotSpec memory spec = _specIn(address(usd18), USD18_PRICE, "second usd18 lot");
        uint256 id = token.lotIdOf(spec);
        uint256[3] memory held = _held();
        uint256 providerBefore = usd18.balanceOf(provider);
        uint256 bonds18 = _bonds(address(usd18));

        vm.expectEmit(address(escrow));
        emit IComputeEscrow.LotCurrencySet(id, address(usd18));
        vm.expectEmit(address(escrow));
        emit IComputeEscrow.BondPosted(id, provider, 20 * uint256(USD18_PRICE));
        vm.prank(provider);
        token.issueLot(spec, provider, 20);

        assertEq(escrow.currencyOf(id), address(usd18), "recorded");
        assertEq(providerBefore - usd18.balanceOf(provider), 20 * uint256(USD18_PRICE), "pulled in the lot's currency");
        assertEq(usd18.balanceOf(address(escrow)) - held[2], 20 * uint256(USD18_PRICE));
        assertEq(usdc.balanceOf(address(escrow)), held[0], "no USDC moved");
        assertEq(eurc.balanceOf(address(escrow)), held[1], "no EURC moved");
        assertEq(_bonds(address(usd18)) - bonds18, 20 * uint256(USD18_PRICE), "its currency's total of bonds");
        assertEq(_bonds(address(usdc)), UNITS * PRICE, "USDC total of bonds unchanged");
        assertEq(_bonds(address(eurc)), UNITS * EUR_PRICE, "EURC total of bonds unchanged");
    }

    /// @dev The token passes no currency for a lot it issues again; a lot the escrow has no currency for cannot be
    /// bonded. The same happens to a new lot whose spec names the zero address: the escrow reads it as a later
    /// issuance of a lot it does not know, and refuses it with the token's UnknownLot error.
    function test_RevertWhen_TheLotHasNoCurrency() external {
        vm.expectRevert(abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_UnknownLot.selector, 42));
        vm.prank(address(token));
        escrow.coverIssue(42, address(0), provider, 1, PRICE);

        // A new lot whose spec names no currency never gets here: the token refuses the spec first (C-2).
        IComputeCapacityToken.LotSpec memory spec = _specIn(address(0), PRICE, "lot naming no currency");
        uint256 id = token.lotIdOf(spec);
        vm.expectRevert(IComputeCapacityToken.ComputeToken_MissingCurrency.selector);
        vm.prank(provider);
        token.issueLot(spec, provider, 10);
        assertFalse(token.exists(id));
    }

    function test_When_TheLotsCurrencyIsNoLongerAccepted() external {
        vm.prank(admin);
        escrow.setCurrencyAccepted(address(eurc), false);
        uint256[3] memory held = _held();
        vm.prank(provider);
        token.issue(eurcLot, bob, 30);
        assertEq(eurc.balanceOf(address(escrow)) - held[1], 30 * uint256(EUR_PRICE), "pulled in EURC");
        assertEq(token.balanceOf(bob, eurcLot), 30);
        (uint256 bond,) = escrow.bondOf(eurcLot);
        assertEq(bond, (UNITS + 30) * EUR_PRICE);
    }

    function test_When_TheFreeBondAlreadyCoversTheOutstandingUnits() external {
        vm.prank(provider);
        escrow.postBond(eurcLot, 50 * uint256(EUR_PRICE)); // ahead of the next issuance
        uint256[3] memory held = _held();
        uint256 providerBefore = eurc.balanceOf(provider);
        vm.recordLogs();
        vm.prank(provider);
        token.issue(eurcLot, provider, 50);
        assertEq(eurc.balanceOf(provider), providerBefore, "nothing pulled");
        assertEq(keccak256(abi.encode(_held())), keccak256(abi.encode(held)));
        assertEq(vm.getRecordedLogs().length, 2, "UnitsIssued and TransferSingle only: no BondPosted");
    }

    function test_When_TheFreeBondFallsShort() external {
        // A redemption reserves part of the bond: only the free part counts, and only the shortfall is pulled.
        vm.prank(alice);
        escrow.redeem(usd18Lot, 10);
        vm.prank(provider);
        escrow.postBond(usd18Lot, 4 * uint256(USD18_PRICE));
        uint256[3] memory held = _held();
        uint256 bonds18 = _bonds(address(usd18));

        // Outstanding after: UNITS - 10 + 20 = UNITS + 10; free before: UNITS - 10 + 4 units' worth; short by 16.
        vm.expectEmit(address(escrow));
        emit IComputeEscrow.BondPosted(usd18Lot, provider, 16 * uint256(USD18_PRICE));
        vm.prank(provider);
        token.issue(usd18Lot, provider, 20);

        assertEq(usd18.balanceOf(address(escrow)) - held[2], 16 * uint256(USD18_PRICE), "only the shortfall");
        assertEq(_bonds(address(usd18)) - bonds18, 16 * uint256(USD18_PRICE));
        assertEq(usdc.balanceOf(address(escrow)), held[0], "no USDC moved");
        assertEq(eurc.balanceOf(address(escrow)), held[1], "no EURC moved");
        assertEq(_bonds(address(usdc)), UNITS * PRICE);
        assertEq(_bonds(address(eurc)), UNITS * EUR_PRICE);
    }

    function test_When_ABatchNamesLotsInSeveralCurrencies() external {
        uint256[] memory ids = new uint256[](4);
        uint256[] memory units = new uint256[](4);
        (ids[0], ids[1], ids[2], ids[3]) = (lotId, eurcLot, usd18Lot, eurcLot);
        (units[0], units[1], units[2], units[3]) = (5, 7, 3, 2);
        uint256[3] memory held = _held();
        vm.prank(provider);
        token.issueBatch(ids, provider, units);
        assertEq(usdc.balanceOf(address(escrow)) - held[0], 5 * uint256(PRICE), "USDC lot");
        assertEq(eurc.balanceOf(address(escrow)) - held[1], 9 * uint256(EUR_PRICE), "EURC lot, named twice");
        assertEq(usd18.balanceOf(address(escrow)) - held[2], 3 * uint256(USD18_PRICE), "USD18 lot");
        _assertExactlySolventInEach();
    }
}
