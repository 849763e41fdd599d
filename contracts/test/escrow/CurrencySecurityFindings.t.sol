// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeCapacityToken} from "../../src/interfaces/IComputeCapacityToken.sol";
import {IComputeEscrow} from "../../src/interfaces/IComputeEscrow.sol";
import {MockStablecoin} from "../mocks/MockStablecoin.sol";
import {RawDecimals} from "../mocks/RawDecimals.sol";
import {MultiCurrencyBase} from "./MultiCurrencyBase.sol";

/// @notice Regression tests of the review of the settlement currencies (docs/SPEC.md §9, C-1 and C-2), one section per
/// finding, each test named `test_C<n>_…` and played as the reviewer wrote it, on the suite settling in three
/// currencies (MultiCurrencyBase). The unit trees carry the same rules branch by branch (`(C-n)` in
/// setCurrencyAccepted.tree and issueLot.tree).
contract CurrencySecurityFindings_Test is MultiCurrencyBase {
    function _accept(address currency) internal {
        vm.prank(admin);
        escrow.setCurrencyAccepted(currency, true);
    }

    /// @dev The admin's `setCurrencyAccepted(currency, true)` must revert with exactly `Escrow_InvalidCurrency(currency)`
    /// and leave the currency unknown (so that refusing it is refused too, as for any currency never accepted).
    function _expectRefusedCurrency(address currency) internal {
        bytes memory invalid = abi.encodeWithSelector(IComputeEscrow.Escrow_InvalidCurrency.selector, currency);
        vm.expectRevert(invalid);
        _accept(currency);
        (bool accepted, uint8 decimals) = escrow.currencyInfo(currency);
        assertFalse(accepted, "not accepted");
        assertEq(decimals, 0, "no decimals recorded");
        vm.expectRevert(invalid);
        vm.prank(admin);
        escrow.setCurrencyAccepted(currency, false);
    }

    /*//////////////////////////////////////////////////////////////
        REVIEW C-1: A DECIMALS() THAT ANSWERS BADLY ESCAPES THE TRY/CATCH
    //////////////////////////////////////////////////////////////*/

    /// @dev The reviewer's case: a contract whose fallback answers `decimals()` with no data. The call succeeds, so the
    /// try/catch took the success branch, and decoding the empty answer reverted in the escrow itself, with no error
    /// data at all. Now the documented Escrow_InvalidCurrency.
    function test_C1_RevertWhen_DecimalsAnswersNothing() external {
        _expectRefusedCurrency(address(new RawDecimals("", false)));
    }

    /// @dev An answer shorter than one word (1 byte, 31 bytes) cannot hold a uint8 return value either.
    function test_C1_RevertWhen_DecimalsAnswersLessThanAWord() external {
        _expectRefusedCurrency(address(new RawDecimals(hex"06", false)));
        _expectRefusedCurrency(address(new RawDecimals(abi.encodePacked(bytes31(uint248(6))), false)));
    }

    /// @dev A full word above 255 is no uint8: the ABI decoder's range check reverted outside the try/catch.
    function test_C1_RevertWhen_DecimalsAnswersAWordAbove255() external {
        _expectRefusedCurrency(address(new RawDecimals(abi.encode(uint256(256)), false)));
        _expectRefusedCurrency(address(new RawDecimals(abi.encode(type(uint256).max), false)));
    }

    /// @dev A `decimals()` that reverts with its own reason: the escrow answers with its error, not the target's.
    function test_C1_RevertWhen_DecimalsReverts() external {
        _expectRefusedCurrency(address(new RawDecimals("", true)));
    }

    /// @dev Real stablecoins are unaffected: 6 and 18 decimals are read and recorded, and a lot can be issued and
    /// bonded in the new 6-decimal coin. At the edges: a word of exactly 255 is a valid uint8, and a longer answer
    /// is read from its first word, as the ABI decoder did.
    function test_C1_SixAndEighteenDecimalTokensAreStillAccepted() external {
        MockStablecoin gbpc = new MockStablecoin("Pound Coin (test)", "GBPC", 6, admin);
        MockStablecoin usd18b = new MockStablecoin("Dollar 18 bis (test)", "USD18B", 18, admin);
        vm.expectEmit(address(escrow));
        emit IComputeEscrow.CurrencyAcceptanceSet(address(gbpc), true, 6);
        _accept(address(gbpc));
        vm.expectEmit(address(escrow));
        emit IComputeEscrow.CurrencyAcceptanceSet(address(usd18b), true, 18);
        _accept(address(usd18b));
        (bool accepted, uint8 decimals) = escrow.currencyInfo(address(gbpc));
        assertTrue(accepted);
        assertEq(decimals, 6);
        (accepted, decimals) = escrow.currencyInfo(address(usd18b));
        assertTrue(accepted);
        assertEq(decimals, 18);

        _fund(gbpc, provider, 1_000_000e6);
        uint256 id = _lotIn(address(gbpc), PRICE, alice, 10, "gbpc lot");
        assertEq(escrow.currencyOf(id), address(gbpc));
        assertEq(gbpc.balanceOf(address(escrow)), 10 * uint256(PRICE), "bonded in the new currency");

        address edge = address(new RawDecimals(abi.encode(uint256(255)), false));
        _accept(edge);
        (accepted, decimals) = escrow.currencyInfo(edge);
        assertTrue(accepted);
        assertEq(decimals, 255);

        address longer = address(new RawDecimals(abi.encode(uint256(6), uint256(7)), false));
        _accept(longer);
        (accepted, decimals) = escrow.currencyInfo(longer);
        assertTrue(accepted);
        assertEq(decimals, 6);
    }

    /*//////////////////////////////////////////////////////////////
        REVIEW C-2: A LOT SPEC NAMING NO CURRENCY GETS A MISLEADING ERROR
    //////////////////////////////////////////////////////////////*/

    /// @dev The reviewer's case: a provider issues a lot whose spec leaves `currency` at the zero address (a client
    /// that forgot the field). The escrow's `coverIssue` reads currency 0 as "a later issuance of an existing lot" and
    /// reverted with ComputeToken_UnknownLot(id), naming a lot the provider was trying to create. Now the token refuses
    /// the spec with ComputeToken_MissingCurrency before it records anything or calls the escrow: no lot, no currency,
    /// no bond pulled. The same spec naming a currency issues.
    function test_C2_RevertWhen_ALotSpecNamesNoCurrency() external {
        IComputeCapacityToken.LotSpec memory spec = _specIn(address(0), PRICE, "lot naming no currency");
        uint256 id = token.lotIdOf(spec);
        uint256 providerUsdc = usdc.balanceOf(provider);
        uint256 escrowUsdc = usdc.balanceOf(address(escrow));

        vm.expectRevert(IComputeCapacityToken.ComputeToken_MissingCurrency.selector);
        vm.prank(provider);
        token.issueLot(spec, provider, 10);
        assertFalse(token.exists(id), "no lot");
        assertEq(escrow.currencyOf(id), address(0), "no currency recorded");
        (uint256 bond,) = escrow.bondOf(id);
        assertEq(bond, 0, "no bond");
        assertEq(usdc.balanceOf(provider), providerUsdc, "nothing pulled from the provider");
        assertEq(usdc.balanceOf(address(escrow)), escrowUsdc);

        spec.currency = address(usdc);
        id = _lotFrom(spec, alice, 10);
        assertEq(escrow.currencyOf(id), address(usdc));
        assertEq(token.balanceOf(alice, id), 10);
    }
}
