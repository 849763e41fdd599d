// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeCapacityToken} from "../../src/interfaces/IComputeCapacityToken.sol";
import {IComputeMarket} from "../../src/interfaces/IComputeMarket.sol";
import {MarketBase} from "../market/MarketBase.sol";
import {MockStablecoin} from "../mocks/MockStablecoin.sol";

/// @notice The suite settling in three currencies side by side: the fixture's USDC (6 decimals, accepted at
/// deployment), EURC (6 decimals) and an 18-decimal dollar coin, both accepted by the admin in `setUp`.
/// @dev Extends `MarketBase` (and so `EscrowBase`): besides the fixture's USDC lot (`lotId`), `setUp` issues one lot in
/// EURC (`eurcLot`) and one in the 18-decimal coin (`usd18Lot`) on the same pool and terms, `UNITS` units each held by
/// alice, with reference prices in their own currency's base units (`EUR_PRICE`, `USD18_PRICE`). Every funded actor
/// holds and has approved the escrow, the market and the lending module for all three currencies.
abstract contract MultiCurrencyBase is MarketBase {
    /// @dev 2.30 EURC per GPU-hour.
    uint96 internal constant EUR_PRICE = 2_300_000;
    /// @dev 2.50 of the 18-decimal coin per GPU-hour.
    uint96 internal constant USD18_PRICE = 2.5e18;

    MockStablecoin internal eurc;
    MockStablecoin internal usd18;
    uint256 internal eurcLot;
    uint256 internal usd18Lot;

    function setUp() public virtual override {
        super.setUp();
        eurc = new MockStablecoin("Euro Coin (test)", "EURC", 6, admin);
        usd18 = new MockStablecoin("Dollar 18 (test)", "USD18", 18, admin);
        vm.startPrank(admin);
        escrow.setCurrencyAccepted(address(eurc), true);
        escrow.setCurrencyAccepted(address(usd18), true);
        vm.stopPrank();
        address[5] memory who = [provider, alice, bob, lender, signer];
        for (uint256 i; i < who.length; ++i) {
            _fund(eurc, who[i], 1_000_000e6);
            _fund(usd18, who[i], 1_000_000e18);
        }
        eurcLot = _lotIn(address(eurc), EUR_PRICE, alice, UNITS, "eurc lot");
        usd18Lot = _lotIn(address(usd18), USD18_PRICE, alice, UNITS, "usd18 lot");
    }

    /// @dev Mints `amount` of `coin` to `who` and approves the escrow, the market and the lending module for it (the
    /// permit signer is left without allowances, as EscrowBase leaves it for USDC).
    function _fund(MockStablecoin coin, address who, uint256 amount) internal {
        vm.prank(admin);
        coin.mint(who, amount);
        if (who == signer) return;
        vm.startPrank(who);
        coin.approve(address(escrow), type(uint256).max);
        coin.approve(address(market), type(uint256).max);
        coin.approve(address(lending), type(uint256).max);
        vm.stopPrank();
    }

    /// @dev A lot on `POOL` settling in `currency` at reference price `price` (in its base units), `units` held by
    /// `holder`; `tag` makes its metadata, and so its id, distinct.
    function _lotIn(address currency, uint96 price, address holder, uint256 units, string memory tag)
        internal
        returns (uint256 id)
    {
        id = _lotFrom(_specIn(currency, price, tag), holder, units);
    }

    /// @dev The fixture's spec, settling in `currency` at `price`, with metadata named by `tag`.
    function _specIn(address currency, uint96 price, string memory tag)
        internal
        view
        returns (IComputeCapacityToken.LotSpec memory spec)
    {
        spec = _spec();
        spec.currency = currency;
        spec.referencePrice = price;
        spec.metadataHash = keccak256(bytes(tag));
    }

    /// @dev Issues `spec` as the provider and moves `units` to `holder`.
    function _lotFrom(IComputeCapacityToken.LotSpec memory spec, address holder, uint256 units)
        internal
        returns (uint256 id)
    {
        vm.startPrank(provider);
        id = token.issueLot(spec, provider, units);
        if (holder != provider) token.safeTransferFrom(provider, holder, id, units, "");
        vm.stopPrank();
    }

    /// @dev The escrow's balance of `currency` minus what it owes in it: zero when exactly solvent.
    function _surplus(address currency) internal view returns (uint256) {
        (uint256 balance, uint256 obligations) = escrow.solvency(currency);
        assertGe(balance, obligations, "solvent");
        return balance - obligations;
    }

    /// @dev Asserts the escrow holds exactly what it owes in each of the three currencies.
    function _assertExactlySolventInEach() internal view {
        assertEq(_surplus(address(usdc)), 0, "USDC surplus");
        assertEq(_surplus(address(eurc)), 0, "EURC surplus");
        assertEq(_surplus(address(usd18)), 0, "USD18 surplus");
    }

    /// @dev An ask of `units` of `lot` at `price` in `currency` by `seller`, live until the lot ends.
    function _askIn(address seller, uint256 lot, uint256 units, uint256 price, address currency)
        internal
        view
        returns (IComputeMarket.Ask memory ask)
    {
        ask = _ask(seller, units, price);
        ask.lotId = lot;
        ask.currency = currency;
    }

    /// @dev A bid by `buyer` for `units` at `price` in `currency`, naming the fixture's GPU model and region.
    function _bidIn(address buyer, uint256 units, uint256 price, address currency)
        internal
        view
        returns (IComputeMarket.Bid memory bid)
    {
        bid = _bid(buyer, units, price);
        bid.currency = currency;
    }
}
