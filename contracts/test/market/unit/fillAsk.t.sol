// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC1155Errors, IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {IComputeMarket} from "../../../src/interfaces/IComputeMarket.sol";
import {MarketBase} from "../MarketBase.sol";
import {ContractWallet} from "../utils/ContractWallet.sol";

contract FillAsk_Unit_Test is MarketBase {
    uint256 internal constant COST = 100 * uint256(PRICE);

    IComputeMarket.Ask internal ask;
    bytes internal sig;
    bytes32 internal orderHash;

    function setUp() public override {
        super.setUp();
        ask = _ask(alice, 100, PRICE);
        sig = _signAsk(ALICE_KEY, ask);
        orderHash = market.hashAsk(ask);
    }

    /// @dev Everything that must be as it was after a refused fill of the fixture's ask by `buyer`.
    function _expectNothingMoved(address buyer, uint256 buyerUsdcBefore) internal view {
        assertEq(token.balanceOf(alice, lotId), UNITS, "seller units");
        assertEq(token.balanceOf(buyer, lotId), 0, "buyer units");
        assertEq(usdc.balanceOf(buyer), buyerUsdcBefore, "buyer stablecoin");
        assertEq(usdc.balanceOf(address(escrow)), UNITS * PRICE, "escrow holds only the bond");
        assertEq(escrow.claimable(alice, address(usdc)), 0, "seller credit");
        assertEq(_filled(orderHash), 0, "no fill recorded");
        (uint256 lastPrice,,) = _index();
        assertEq(lastPrice, 0, "no trade recorded");
    }

    /// @dev Expects the fixture's ask, filled for 100 units by `buyer`, to revert with `err` and move nothing.
    function _expectRefused(address buyer, bytes memory err) internal {
        uint256 before = usdc.balanceOf(buyer);
        vm.expectRevert(err);
        _fillAsk(buyer, ask, sig, 100);
        _expectNothingMoved(buyer, before);
    }

    function test_RevertWhen_TheAskHasExpired() external {
        ask.expiry = uint40(block.timestamp + 1 hours);
        sig = _signAsk(ALICE_KEY, ask);
        orderHash = market.hashAsk(ask);
        vm.warp(ask.expiry); // closed from that second on
        _expectRefused(bob, abi.encodeWithSelector(IComputeMarket.Market_OrderExpired.selector, orderHash, ask.expiry));
    }

    function test_RevertWhen_TheAsksCounterIsBelowTheSellers() external {
        vm.prank(alice);
        market.incrementOrderCounter();
        _expectRefused(bob, abi.encodeWithSelector(IComputeMarket.Market_OrderCounterStale.selector, orderHash, 0, 1));
    }

    function test_RevertWhen_TheAsksCounterIsAboveTheSellers() external {
        // Only the counter in force signs live orders: one signed ahead is not "pre-authorised" for later.
        ask.counter = 5;
        sig = _signAsk(ALICE_KEY, ask);
        orderHash = market.hashAsk(ask);
        _expectRefused(bob, abi.encodeWithSelector(IComputeMarket.Market_OrderCounterStale.selector, orderHash, 5, 0));
    }

    function test_RevertWhen_TheAskIsCancelled() external {
        vm.prank(alice);
        market.cancelAsk(ask);
        _expectRefused(bob, abi.encodeWithSelector(IComputeMarket.Market_OrderIsCancelled.selector, orderHash));
    }

    function test_RevertWhen_TheUnitsAreZero() external {
        vm.expectRevert(IComputeMarket.Market_ZeroUnits.selector);
        _fillAsk(bob, ask, sig, 0);
    }

    function test_RevertWhen_TheUnitsExceedTheAsksUnits() external {
        uint256 before = usdc.balanceOf(bob);
        vm.expectRevert(
            abi.encodeWithSelector(IComputeMarket.Market_InsufficientOrderUnits.selector, orderHash, 100, 101)
        );
        _fillAsk(bob, ask, sig, 101);
        _expectNothingMoved(bob, before);
    }

    function test_RevertWhen_TheUnitsExceedWhatEarlierFillsLeft() external {
        _fillAsk(bob, ask, sig, 60);
        vm.expectRevert(
            abi.encodeWithSelector(IComputeMarket.Market_InsufficientOrderUnits.selector, orderHash, 40, 41)
        );
        _fillAsk(lender, ask, sig, 41);
        assertEq(_filled(orderHash), 60);
    }

    function test_RevertWhen_TheAskIsFullyFilled() external {
        _fillAsk(bob, ask, sig, 100);
        vm.expectRevert(abi.encodeWithSelector(IComputeMarket.Market_InsufficientOrderUnits.selector, orderHash, 0, 1));
        _fillAsk(bob, ask, sig, 1);
        assertEq(token.balanceOf(bob, lotId), 100, "bought once");
        assertEq(escrow.claimable(alice, address(usdc)), COST, "paid once");
    }

    function test_RevertWhen_TheSignatureIsByAnotherKey() external {
        sig = _signAsk(BOB_KEY, ask);
        _expectRefused(bob, abi.encodeWithSelector(IComputeMarket.Market_InvalidSignature.selector, orderHash, alice));
    }

    function test_RevertWhen_TheSignatureIsOfAnotherAsk() external {
        IComputeMarket.Ask memory other = _ask(alice, 1, PRICE);
        sig = _signAsk(ALICE_KEY, other);
        _expectRefused(bob, abi.encodeWithSelector(IComputeMarket.Market_InvalidSignature.selector, orderHash, alice));
    }

    function test_RevertWhen_TheSignatureIsMalformed() external {
        bytes memory good = sig;
        (bytes32 r, bytes32 s) = abi.decode(good, (bytes32, bytes32));
        uint8 v = uint8(good[64]);
        // secp256k1's order n: (r, n - s, v ^ 1) is the same signature in its malleated high-s form.
        uint256 n = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;
        bytes32 vs = bytes32(uint256(s) | (v == 28 ? uint256(1) << 255 : 0));
        bytes[5] memory malformed = [
            bytes(""),
            abi.encodePacked(r, vs), // EIP-2098 compact form of the valid signature
            abi.encodePacked(r, s, uint8(v + 2)), // v out of range
            abi.encodePacked(r, bytes32(n - uint256(s)), v == 27 ? uint8(28) : uint8(27)), // high s
            abi.encodePacked(good, uint8(0)) // 66 bytes
        ];
        for (uint256 i; i < malformed.length; ++i) {
            sig = malformed[i];
            _expectRefused(
                bob, abi.encodeWithSelector(IComputeMarket.Market_InvalidSignature.selector, orderHash, alice)
            );
        }
    }

    /// @dev A wallet owned by a fresh key, allowlisted, holding 100 units of the lot with the market as operator.
    function _wallet() internal returns (ContractWallet wallet, uint256 ownerKey) {
        address owner;
        (owner, ownerKey) = makeAddrAndKey("wallet owner");
        wallet = new ContractWallet(owner);
        vm.prank(compliance);
        token.setAllowed(address(wallet), true);
        vm.prank(alice);
        token.safeTransferFrom(alice, address(wallet), lotId, 100, "");
        wallet.exec(address(token), abi.encodeCall(token.setApprovalForAll, (address(market), true)));
    }

    function test_RevertWhen_TheSellerIsAContractWalletThatRejectsTheSignature() external {
        (ContractWallet wallet, uint256 ownerKey) = _wallet();
        ask = _ask(address(wallet), 100, PRICE);
        orderHash = market.hashAsk(ask);
        // Signed by a key that is not the wallet's owner, then by the owner with the wallet switched off.
        sig = _signAsk(BOB_KEY, ask);
        vm.expectRevert(
            abi.encodeWithSelector(IComputeMarket.Market_InvalidSignature.selector, orderHash, address(wallet))
        );
        _fillAsk(bob, ask, sig, 100);

        sig = _signAsk(ownerKey, ask);
        wallet.setRejectAll(true);
        vm.expectRevert(
            abi.encodeWithSelector(IComputeMarket.Market_InvalidSignature.selector, orderHash, address(wallet))
        );
        _fillAsk(bob, ask, sig, 100);
        assertEq(token.balanceOf(address(wallet), lotId), 100);
        assertEq(_filled(orderHash), 0);
    }

    function test_When_TheSellerIsAContractWalletThatAcceptsTheSignature() external {
        (ContractWallet wallet, uint256 ownerKey) = _wallet();
        ask = _ask(address(wallet), 100, PRICE);
        orderHash = market.hashAsk(ask);
        sig = _signAsk(ownerKey, ask);
        _fillAsk(bob, ask, sig, 100);

        assertEq(token.balanceOf(address(wallet), lotId), 0, "wallet units");
        assertEq(token.balanceOf(bob, lotId), 100, "buyer units");
        assertEq(escrow.claimable(address(wallet), address(usdc)), COST, "wallet credited");
        assertEq(_filled(orderHash), 100);
    }

    function test_RevertWhen_TheAsksPriceIsZero() external {
        ask.pricePerUnit = 0;
        sig = _signAsk(ALICE_KEY, ask);
        orderHash = market.hashAsk(ask);
        _expectRefused(bob, abi.encodeWithSelector(IComputeMarket.Market_ZeroPrice.selector));
    }

    /// @dev The seller signed the ask in another currency than the lot settles in: whether or not the escrow accepts
    /// that currency, the lot's currency is the only one its units sell for.
    function test_RevertWhen_TheAsksCurrencyIsNotItsLots() external {
        address other = makeAddr("other stablecoin");
        ask.currency = other;
        sig = _signAsk(ALICE_KEY, ask);
        orderHash = market.hashAsk(ask);
        _expectRefused(
            bob,
            abi.encodeWithSelector(IComputeMarket.Market_CurrencyMismatch.selector, orderHash, other, address(usdc))
        );
    }

    function test_RevertWhen_TheAsksLotIsUnknownToTheEscrow() external {
        ask.lotId = lotId + 1;
        sig = _signAsk(ALICE_KEY, ask);
        orderHash = market.hashAsk(ask);
        _expectRefused(
            bob,
            abi.encodeWithSelector(
                IComputeMarket.Market_CurrencyMismatch.selector, orderHash, address(usdc), address(0)
            )
        );
    }

    function test_RevertWhen_TheBuyerHasNoAllowanceForTheMarket() external {
        _expectRefused(
            signer, abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(market), 0, COST)
        );
    }

    function test_RevertWhen_TheBuyerLacksTheStablecoin() external {
        vm.prank(compliance);
        token.setAllowed(outsider, true);
        vm.prank(outsider);
        usdc.approve(address(market), type(uint256).max);
        _expectRefused(
            outsider, abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, outsider, 0, COST)
        );
    }

    function test_RevertWhen_TheBuyerIsNotAllowlisted() external {
        vm.prank(admin);
        usdc.mint(outsider, COST);
        vm.prank(outsider);
        usdc.approve(address(market), type(uint256).max);
        _expectRefused(
            outsider, abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_ReceiverNotAllowed.selector, outsider)
        );
    }

    function test_RevertWhen_TheBuyerIsFrozen() external {
        vm.prank(compliance);
        token.setFrozen(bob, true);
        _expectRefused(bob, abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_ReceiverFrozen.selector, bob));
    }

    function test_RevertWhen_TheSellerIsNotAllowlisted() external {
        vm.prank(compliance);
        token.setAllowed(alice, false);
        _expectRefused(bob, abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_SenderNotAllowed.selector, alice));
    }

    function test_RevertWhen_TheSellerIsFrozen() external {
        vm.prank(compliance);
        token.setFrozen(alice, true);
        _expectRefused(bob, abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_SenderFrozen.selector, alice));
    }

    function test_RevertWhen_TheSellersUnitsArePledged() external {
        _requestPledge(alice, 950, lender, 1e6, 0, maturity);
        _expectRefused(
            bob,
            abi.encodeWithSelector(
                IComputeCapacityToken.ComputeToken_InsufficientUnlockedBalance.selector, alice, lotId, 50, 100
            )
        );
        assertEq(token.lockedBalanceOf(alice, lotId), 950, "collateral intact");
    }

    function test_RevertWhen_TheSellerRevokedTheMarketsOperatorApproval() external {
        vm.prank(alice);
        token.setApprovalForAll(address(market), false);
        _expectRefused(
            bob, abi.encodeWithSelector(IERC1155Errors.ERC1155MissingApprovalForAll.selector, address(market), alice)
        );
    }

    function test_RevertWhen_TheTokenIsPaused() external {
        vm.prank(pauser);
        token.pause();
        _expectRefused(bob, abi.encodeWithSelector(Pausable.EnforcedPause.selector));
    }

    function test_RevertWhen_TheLotsWindowEndedBeforeTheAsksExpiry() external {
        ask.expiry = endsAt + 10 days;
        sig = _signAsk(ALICE_KEY, ask);
        orderHash = market.hashAsk(ask);
        vm.warp(endsAt);
        _expectRefused(
            bob, abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_LotExpired.selector, lotId, endsAt)
        );
    }

    function test_When_TheAskIsFilledInParts() external {
        _fillAsk(bob, ask, sig, 30);
        assertEq(_filled(orderHash), 30);
        // The signature verified on the first fill; later fills need only the order (its hash has a recorded fill).
        _fillAsk(lender, ask, "", 50);
        assertEq(_filled(orderHash), 80);
        _fillAsk(bob, ask, sig, 20);
        assertEq(_filled(orderHash), 100, "filled up to the ask's units");

        assertEq(token.balanceOf(bob, lotId), 50);
        assertEq(token.balanceOf(lender, lotId), 50);
        assertEq(token.balanceOf(alice, lotId), UNITS - 100);
        assertEq(escrow.claimable(alice, address(usdc)), COST, "credited every fill");
    }

    function test_When_TheLotsIndexKeyTradedBefore() external {
        _buy(bob, _createOffer(alice, 10, PRICE, endsAt), 1);
        vm.warp(block.timestamp + 1 days);
        uint256 price = 2 * uint256(PRICE);

        // The same trade as a purchase from a fixed-price offer, on a copy of the chain.
        uint256 snapshot = vm.snapshotState();
        _buy(lender, _createOffer(alice, 1, price, endsAt), 1);
        vm.warp(block.timestamp + INDEX_WINDOW / 2);
        (uint256 lastPrice, uint40 lastTradeAt, uint256 average) = _index();
        vm.revertToState(snapshot);

        ask.pricePerUnit = uint96(price);
        _fillAsk(lender, ask, _signAsk(ALICE_KEY, ask), 1);
        vm.warp(block.timestamp + INDEX_WINDOW / 2);
        (uint256 lastPriceNow, uint40 lastTradeAtNow, uint256 averageNow) = _index();
        assertEq(lastPriceNow, lastPrice, "last price");
        assertEq(lastTradeAtNow, lastTradeAt, "trade time");
        assertEq(averageNow, average, "average");
        assertEq(averageNow, PRICE + (price - PRICE) / 2, "half a window later, half way to the new price");
    }

    function test_When_TheEmittedEventsAreChecked() external {
        bytes32 key = market.indexKey(GPU, REGION, address(usdc));
        vm.expectEmit(address(market));
        emit IComputeMarket.OrderFilled(orderHash, alice, bob, lotId, 40, PRICE, 40 * uint256(PRICE), true);
        vm.expectEmit(address(market));
        emit IComputeMarket.PriceRecorded(key, lotId, PRICE, PRICE);
        vm.expectEmit(address(escrow));
        emit IComputeEscrow.SaleCredited(address(market), alice, address(usdc), 40 * uint256(PRICE));
        _fillAsk(bob, ask, sig, 40);
    }

    function test_When_AllChecksPass() external {
        uint256 bobBefore = usdc.balanceOf(bob);
        uint256 escrowBefore = usdc.balanceOf(address(escrow));

        _fillAsk(bob, ask, sig, 100);

        assertEq(token.balanceOf(bob, lotId), 100, "buyer units");
        assertEq(token.balanceOf(alice, lotId), UNITS - 100, "seller units");
        assertEq(bobBefore - usdc.balanceOf(bob), COST, "buyer paid");
        assertEq(usdc.balanceOf(address(escrow)) - escrowBefore, COST, "escrow holds the payment");
        assertEq(usdc.balanceOf(address(market)), 0, "market holds no stablecoin");
        assertEq(token.balanceOf(address(market), lotId), 0, "market holds no units");
        assertEq(escrow.claimable(alice, address(usdc)), COST, "seller credited");
        (uint256 filled, bool cancelled) = market.orderStatus(orderHash);
        assertEq(filled, 100, "units filled");
        assertFalse(cancelled);
        (uint256 lastPrice, uint40 lastTradeAt, uint256 average) = _index();
        assertEq(lastPrice, PRICE, "index: last price");
        assertEq(lastTradeAt, block.timestamp, "index: trade time");
        assertEq(average, PRICE, "index: first trade of the key");
    }
}
