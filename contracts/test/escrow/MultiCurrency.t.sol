// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

import {IComputeCapacityToken} from "../../src/interfaces/IComputeCapacityToken.sol";
import {IComputeEscrow} from "../../src/interfaces/IComputeEscrow.sol";
import {IComputeLending} from "../../src/interfaces/IComputeLending.sol";
import {IComputeMarket} from "../../src/interfaces/IComputeMarket.sol";
import {MockStablecoin} from "../mocks/MockStablecoin.sol";
import {MultiCurrencyBase} from "./MultiCurrencyBase.sol";

/// @notice Settlement currencies side by side: a USDC lot (`lotId`), a EURC lot (`eurcLot`) and an 18-decimal lot
/// (`usd18Lot`) on the same pool and terms. Sales (offers, asks, bids, permits), bonds, redemptions and refunds,
/// pledges and their credits land in each lot's own currency; the escrow stays solvent per currency; a surplus of one
/// currency never pays a credit in another; orders and bids in the wrong currency are refused; the price index keeps
/// one key per currency; a pause, its cure and a shortfall block only their own currency's defaults.
contract MultiCurrency_Test is MultiCurrencyBase {
    address internal rogue = makeAddr("rogue");

    /// @dev The escrow's balances of USDC, EURC and the 18-decimal coin.
    function _held() internal view returns (uint256[3] memory) {
        return [usdc.balanceOf(address(escrow)), eurc.balanceOf(address(escrow)), usd18.balanceOf(address(escrow))];
    }

    function _credits(address currency) internal view returns (uint256 credits) {
        (credits,,) = escrow.totals(currency);
    }

    /// @dev `seller` lists `units` of `lot` at `price` until the lot ends.
    function _offer(address seller, uint256 lot, uint256 units, uint256 price) internal returns (uint256 offerId) {
        vm.prank(seller);
        offerId = market.createOffer(lot, units, price, endsAt);
    }

    /// @dev alice pledges `units` of `lot` to the lender for `principal` + `fee`, funded at once.
    function _fundedPledge(uint256 lot, uint256 units, uint256 principal, uint256 fee)
        internal
        returns (uint256 pledgeId)
    {
        vm.prank(alice);
        pledgeId = lending.requestPledge(lot, units, lender, principal, fee, maturity);
        vm.prank(lender);
        lending.fundPledge(pledgeId);
    }

    /// @dev An EIP-2612 signature by the permit signer over `coin`'s domain, for the market as spender.
    function _permitFor(MockStablecoin coin, uint256 value, uint256 deadline)
        internal
        view
        returns (uint8 v, bytes32 r, bytes32 s)
    {
        bytes32 structHash =
            keccak256(abi.encode(PERMIT_TYPEHASH, signer, address(market), value, coin.nonces(signer), deadline));
        (v, r, s) = vm.sign(signerKey, keccak256(abi.encodePacked("\x19\x01", coin.DOMAIN_SEPARATOR(), structHash)));
    }

    /*//////////////////////////////////////////////////////////////
                                 ISSUANCE
    //////////////////////////////////////////////////////////////*/

    function test_Issue_BondsEachLotInItsOwnCurrency() external view {
        assertEq(escrow.currencyOf(lotId), address(usdc));
        assertEq(escrow.currencyOf(eurcLot), address(eurc));
        assertEq(escrow.currencyOf(usd18Lot), address(usd18));
        uint256[3] memory held = _held();
        assertEq(held[0], UNITS * PRICE, "USDC: the fixture lot's bond");
        assertEq(held[1], UNITS * EUR_PRICE, "EURC: the EURC lot's bond");
        assertEq(held[2], UNITS * USD18_PRICE, "USD18: the 18-decimal lot's bond");
        (uint256 eurBond,) = escrow.bondOf(eurcLot);
        assertEq(eurBond, UNITS * EUR_PRICE);
        _assertExactlySolventInEach();
        // Same pool, same terms: only the currency tells the lots apart.
        assertTrue(lotId != eurcLot && eurcLot != usd18Lot && lotId != usd18Lot);
    }

    /*//////////////////////////////////////////////////////////////
                                  SALES
    //////////////////////////////////////////////////////////////*/

    function test_Purchase_PaysAndCreditsInTheLotsCurrency() external {
        uint256[3] memory held = _held();
        uint256 bobUsdc = usdc.balanceOf(bob);
        uint256 bobEurc = eurc.balanceOf(bob);
        uint256 bob18 = usd18.balanceOf(bob);

        _buy(bob, _offer(alice, eurcLot, 100, EUR_PRICE), 100);
        _buy(bob, _offer(alice, usd18Lot, 50, USD18_PRICE), 50);

        assertEq(bobEurc - eurc.balanceOf(bob), 100 * uint256(EUR_PRICE), "paid in EURC");
        assertEq(bob18 - usd18.balanceOf(bob), 50 * uint256(USD18_PRICE), "paid in USD18");
        assertEq(usdc.balanceOf(bob), bobUsdc, "no USDC paid");
        assertEq(escrow.claimable(alice, address(eurc)), 100 * uint256(EUR_PRICE));
        assertEq(escrow.claimable(alice, address(usd18)), 50 * uint256(USD18_PRICE));
        assertEq(escrow.claimable(alice, address(usdc)), 0);
        assertEq(usdc.balanceOf(address(escrow)), held[0], "USDC untouched");
        assertEq(token.balanceOf(bob, eurcLot), 100);
        assertEq(token.balanceOf(bob, usd18Lot), 50);
        _assertExactlySolventInEach();
        assertEq(eurc.balanceOf(address(market)) + usd18.balanceOf(address(market)), 0, "the market holds nothing");
    }

    /// @dev A buyer without any allowance permits the market for the lot's currency (EURC), not the fixture's USDC.
    function test_PurchaseWithPermit_PermitsTheLotsCurrency() external {
        uint256 offerId = _offer(alice, eurcLot, 100, EUR_PRICE);
        uint256 cost = 100 * uint256(EUR_PRICE);
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _permitFor(eurc, cost, deadline);
        vm.prank(signer);
        market.purchaseWithPermit(offerId, 100, EUR_PRICE, deadline, v, r, s);
        assertEq(eurc.nonces(signer), 1, "the EURC permit was used");
        assertEq(usdc.nonces(signer), 0);
        assertEq(escrow.claimable(alice, address(eurc)), cost);
        assertEq(token.balanceOf(signer, eurcLot), 100);

        // A USDC permit does nothing for a EURC lot: the payment finds no EURC allowance.
        offerId = _offer(alice, eurcLot, 10, EUR_PRICE);
        (v, r, s) = _permitSigFor(signerKey, signer, address(market), 10 * uint256(EUR_PRICE), deadline);
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientAllowance.selector, address(market), 0, 10 * uint256(EUR_PRICE)
            )
        );
        vm.prank(signer);
        market.purchaseWithPermit(offerId, 10, EUR_PRICE, deadline, v, r, s);
    }

    function test_FillAsk_SettlesInTheLotsCurrency() external {
        IComputeMarket.Ask memory ask = _askIn(alice, usd18Lot, 30, USD18_PRICE, address(usd18));
        _fillAsk(bob, ask, _signAsk(ALICE_KEY, ask), 30);
        assertEq(escrow.claimable(alice, address(usd18)), 30 * uint256(USD18_PRICE));
        assertEq(token.balanceOf(bob, usd18Lot), 30);
        _assertExactlySolventInEach();
    }

    /// @dev An ask for the EURC lot signed in USDC (a currency the escrow accepts, but not the lot's) is refused after
    /// its signature checks out; nothing moves and no fill is recorded.
    function test_FillAsk_RevertWhen_TheAskNamesAnotherAcceptedCurrency() external {
        IComputeMarket.Ask memory ask = _askIn(alice, eurcLot, 30, PRICE, address(usdc));
        bytes memory sig = _signAsk(ALICE_KEY, ask);
        bytes32 orderHash = market.hashAsk(ask);
        uint256[3] memory held = _held();
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeMarket.Market_CurrencyMismatch.selector, orderHash, address(usdc), address(eurc)
            )
        );
        _fillAsk(bob, ask, sig, 30);
        assertEq(_filled(orderHash), 0);
        assertEq(keccak256(abi.encode(_held())), keccak256(abi.encode(held)), "nothing moved");
        assertEq(token.balanceOf(bob, eurcLot), 0);
    }

    function test_FillBid_SettlesInTheLotsCurrency() external {
        IComputeMarket.Bid memory bid = _bidIn(bob, 40, EUR_PRICE, address(eurc));
        _fillBid(alice, bid, _signBid(BOB_KEY, bid), eurcLot, 40);
        assertEq(escrow.claimable(alice, address(eurc)), 40 * uint256(EUR_PRICE));
        assertEq(token.balanceOf(bob, eurcLot), 40);
        _assertExactlySolventInEach();
    }

    /// @dev A bid buys only lots that settle in its currency: a USDC bid refuses the EURC lot, a EURC bid the USDC lot
    /// and the 18-decimal one, naming BidCriterion.Currency (checked before Interruptible, the last criterion).
    function test_FillBid_RevertWhen_TheLotSettlesInAnotherCurrency() external {
        IComputeMarket.Bid memory usdBid = _bidIn(bob, 40, PRICE, address(usdc));
        bytes memory usdSig = _signBid(BOB_KEY, usdBid);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeMarket.Market_LotDoesNotMatchBid.selector,
                market.hashBid(usdBid),
                eurcLot,
                IComputeMarket.BidCriterion.Currency
            )
        );
        _fillBid(alice, usdBid, usdSig, eurcLot, 40);

        IComputeMarket.Bid memory eurBid = _bidIn(bob, 40, EUR_PRICE, address(eurc));
        bytes memory eurSig = _signBid(BOB_KEY, eurBid);
        uint256[2] memory lots = [lotId, usd18Lot];
        for (uint256 i; i < lots.length; ++i) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IComputeMarket.Market_LotDoesNotMatchBid.selector,
                    market.hashBid(eurBid),
                    lots[i],
                    IComputeMarket.BidCriterion.Currency
                )
            );
            _fillBid(alice, eurBid, eurSig, lots[i], 40);
        }
        assertEq(_filled(market.hashBid(usdBid)) + _filled(market.hashBid(eurBid)), 0);
        // Each still fills with a lot in its own currency.
        _fillBid(alice, usdBid, usdSig, lotId, 40);
        _fillBid(alice, eurBid, eurSig, eurcLot, 40);
        assertEq(escrow.claimable(alice, address(usdc)), 40 * uint256(PRICE));
        assertEq(escrow.claimable(alice, address(eurc)), 40 * uint256(EUR_PRICE));
    }

    /// @dev Three lots of the same GPU model and region trade at three prices: each currency has its own index key
    /// and price, so an 18-decimal price never moves the USDC index.
    function test_PriceIndex_KeysDifferPerCurrency() external {
        _buy(bob, _offer(alice, lotId, 10, PRICE), 10);
        _buy(bob, _offer(alice, eurcLot, 10, EUR_PRICE), 10);
        _buy(bob, _offer(alice, usd18Lot, 10, USD18_PRICE), 10);

        bytes32 usdKey = market.indexKey(GPU, REGION, address(usdc));
        bytes32 eurKey = market.indexKey(GPU, REGION, address(eurc));
        bytes32 key18 = market.indexKey(GPU, REGION, address(usd18));
        assertTrue(usdKey != eurKey && eurKey != key18 && usdKey != key18, "one key per currency");
        assertEq(eurKey, keccak256(abi.encode(GPU, REGION, address(eurc))));

        (uint256 usdLast,, uint256 usdAverage) = market.priceOf(GPU, REGION, address(usdc));
        (uint256 eurLast,, uint256 eurAverage) = market.priceOf(GPU, REGION, address(eurc));
        (uint256 last18,, uint256 average18) = market.priceOf(GPU, REGION, address(usd18));
        assertEq(usdLast, PRICE);
        assertEq(usdAverage, PRICE);
        assertEq(eurLast, EUR_PRICE);
        assertEq(eurAverage, EUR_PRICE);
        assertEq(last18, USD18_PRICE);
        assertEq(average18, USD18_PRICE);
        (uint256 none,,) = market.priceOf(GPU, REGION, address(0xdead));
        assertEq(none, 0, "no trade in a currency nobody used");
    }

    /*//////////////////////////////////////////////////////////////
                            BONDS AND REDEMPTIONS
    //////////////////////////////////////////////////////////////*/

    function test_Bond_PostedAndWithdrawnInTheLotsCurrency() external {
        uint256 providerEurc = eurc.balanceOf(provider);
        vm.prank(provider);
        escrow.postBond(eurcLot, 5e6);
        assertEq(providerEurc - eurc.balanceOf(provider), 5e6, "posted in EURC");
        (, uint256 eurBonds,) = escrow.totals(address(eurc));
        assertEq(eurBonds, UNITS * EUR_PRICE + 5e6);

        vm.warp(token.redeemableUntil(eurcLot));
        uint256 usdcBefore = usdc.balanceOf(provider);
        vm.prank(provider);
        escrow.withdrawBond(eurcLot, UNITS * EUR_PRICE + 5e6);
        assertEq(eurc.balanceOf(provider), providerEurc + UNITS * EUR_PRICE, "the whole bond back in EURC");
        assertEq(usdc.balanceOf(provider), usdcBefore, "no USDC");
        assertEq(eurc.balanceOf(address(escrow)), 0);
        _assertExactlySolventInEach();
    }

    /// @dev A delivered EURC redemption credits the provider in EURC; an undelivered 18-decimal one refunds alice in
    /// the 18-decimal coin.
    function test_Redemption_DeliveryAndRefundInTheLotsCurrency() external {
        vm.startPrank(alice);
        uint256 delivered = escrow.redeem(eurcLot, 10);
        uint256 refunded = escrow.redeem(usd18Lot, 4);
        escrow.confirmDelivery(delivered);
        vm.stopPrank();
        assertEq(escrow.claimable(provider, address(eurc)), 10 * uint256(EUR_PRICE), "provider paid in EURC");
        (,, uint256 reserved18) = escrow.totals(address(usd18));
        assertEq(reserved18, 4 * uint256(USD18_PRICE), "reserved in USD18");

        vm.warp(escrow.redemption(refunded).deadline + 1);
        escrow.claimRefund(refunded);
        assertEq(escrow.claimable(alice, address(usd18)), 4 * uint256(USD18_PRICE), "refunded in USD18");
        assertEq(escrow.claimable(alice, address(usdc)) + escrow.claimable(provider, address(usdc)), 0, "no USDC");
        (,, reserved18) = escrow.totals(address(usd18));
        assertEq(reserved18, 0);
        _assertExactlySolventInEach();

        uint256 before = usd18.balanceOf(alice);
        vm.prank(alice);
        escrow.withdraw(address(usd18), alice);
        assertEq(usd18.balanceOf(alice) - before, 4 * uint256(USD18_PRICE));
    }

    /*//////////////////////////////////////////////////////////////
                                 PLEDGES
    //////////////////////////////////////////////////////////////*/

    /// @dev An 18-decimal pledge: the principal is credited to alice and the repayment to the lender in that coin; the
    /// other currencies' credits do not move.
    function test_Pledge_SettlesInTheLotsCurrency() external {
        uint256 principal = 100e18; // the cap for 100 units at 50 % is 125e18
        uint256 fee = 5e18;
        uint256 lender18 = usd18.balanceOf(lender);
        uint256 pledgeId = _fundedPledge(usd18Lot, PLEDGE_UNITS, principal, fee);
        assertEq(lender18 - usd18.balanceOf(lender), principal, "lent in USD18");
        assertEq(escrow.claimable(alice, address(usd18)), principal, "principal credited in USD18");

        vm.prank(alice);
        lending.repay(pledgeId);
        assertEq(escrow.claimable(lender, address(usd18)), principal + fee, "repaid in USD18");
        assertEq(_credits(address(usdc)) + _credits(address(eurc)), 0, "no other currency credited");
        _assertExactlySolventInEach();
        assertEq(usd18.balanceOf(address(lending)), 0, "the lending module holds nothing");
    }

    /// @dev A defaulted EURC pledge's collateral is auctioned: the buyer pays in EURC, the lender is credited principal
    /// + fee and alice the rest, both in EURC; nothing moves in USDC.
    function test_CollateralAuction_CreditsLenderAndHolderInTheLotsCurrency() external {
        uint256 pledgeId = _fundedPledge(eurcLot, PLEDGE_UNITS, PRINCIPAL, FEE);
        uint256 usdcCredits = _credits(address(usdc));
        vm.warp(maturity);
        uint256 unitPrice = 3e6;
        vm.prank(lender);
        lending.startCollateralAuction(pledgeId, unitPrice, unitPrice, 2 hours);
        skip(1 hours);
        uint256 bobEurc = eurc.balanceOf(bob);
        vm.prank(bob);
        lending.buyCollateral(pledgeId, PLEDGE_UNITS, unitPrice);

        uint256 cost = PLEDGE_UNITS * unitPrice;
        assertEq(bobEurc - eurc.balanceOf(bob), cost, "the buyer paid in EURC");
        assertEq(escrow.claimable(lender, address(eurc)), PRINCIPAL + FEE, "the lender: principal + fee, in EURC");
        assertEq(escrow.claimable(alice, address(eurc)), PRINCIPAL + cost - PRINCIPAL - FEE, "alice: advance + rest");
        assertEq(_credits(address(usdc)), usdcCredits, "no USDC credited");
        assertEq(token.balanceOf(bob, eurcLot), PLEDGE_UNITS);
        _assertExactlySolventInEach();
        assertEq(eurc.balanceOf(address(lending)), 0, "the lending module holds nothing");
    }

    /*//////////////////////////////////////////////////////////////
                     ATTACKS ACROSS CURRENCIES
    //////////////////////////////////////////////////////////////*/

    /// @dev A rogue MARKET_ROLE holder funds a EURC surplus (a donation, or an overpayment) and tries to have it
    /// credited as a USDC or an 18-decimal sale: each currency's credit comes only out of its own surplus.
    function test_Attack_ASurplusInOneCurrencyNeverCreditsASaleInAnother() external {
        bytes32 role = escrow.MARKET_ROLE();
        vm.prank(admin);
        escrow.grantRole(role, rogue);
        vm.prank(admin);
        eurc.mint(address(escrow), 1000e6);

        vm.startPrank(rogue);
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_SaleUnfunded.selector, 1000e6, 0));
        escrow.creditSale(rogue, lotId, 1000e6);
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_SaleUnfunded.selector, 1, 0));
        escrow.creditSale(rogue, lotId, 1);
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_SaleUnfunded.selector, 1, 0));
        escrow.creditSale(rogue, usd18Lot, 1);
        // An unknown lot has no currency at all.
        vm.expectRevert(abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_UnknownLot.selector, 7));
        escrow.creditSale(rogue, 7, 1);
        // Only as EURC, and no more than the EURC surplus.
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_SaleUnfunded.selector, 1000e6 + 1, 1000e6));
        escrow.creditSale(rogue, eurcLot, 1000e6 + 1);
        escrow.creditSale(rogue, eurcLot, 1000e6);
        vm.stopPrank();

        assertEq(escrow.claimable(rogue, address(eurc)), 1000e6);
        assertEq(escrow.claimable(rogue, address(usdc)) + escrow.claimable(rogue, address(usd18)), 0);
        _assertExactlySolventInEach();
    }

    /// @dev The same for a rogue LENDING_ROLE holder, with a surplus in the 18-decimal coin large enough to mean
    /// trillions of USDC base units: the escrow never converts between currencies.
    function test_Attack_ASurplusInOneCurrencyNeverCreditsALoanInAnother() external {
        bytes32 role = escrow.LENDING_ROLE();
        vm.prank(admin);
        escrow.grantRole(role, rogue);
        vm.prank(admin);
        usd18.mint(address(escrow), 1e24);

        vm.startPrank(rogue);
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_LoanUnfunded.selector, 1e6, 0));
        escrow.creditLoan(rogue, lotId, 1e6);
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_LoanUnfunded.selector, 1e6, 0));
        escrow.creditLoan(rogue, eurcLot, 1e6);
        escrow.creditLoan(rogue, usd18Lot, 1e24);
        vm.stopPrank();
        assertEq(escrow.claimable(rogue, address(usd18)), 1e24);
        _assertExactlySolventInEach();
    }

    /// @dev A MARKET_ROLE holder that is not the market cannot credit a sale of a lot it names in one currency with
    /// a payment that arrived in another: the buyer paid the EURC lot's price in EURC, and the rogue's USDC-lot credit
    /// of the same figure is refused (the payment is not USDC surplus).
    function test_Attack_APaymentInOneCurrencyNeverBacksACreditInAnother() external {
        bytes32 role = escrow.MARKET_ROLE();
        vm.prank(admin);
        escrow.grantRole(role, rogue);
        vm.prank(bob);
        eurc.transfer(address(escrow), 100e6); // "the payment"
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_SaleUnfunded.selector, 100e6, 0));
        vm.prank(rogue);
        escrow.creditSale(alice, lotId, 100e6);
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, bob, role));
        vm.prank(bob);
        escrow.creditSale(bob, eurcLot, 100e6);
        assertEq(_surplus(address(eurc)), 100e6, "still owed to no one");
    }

    /// @dev The 128-bit bound on a currency's total of bonds is that currency's: an 18-decimal lot bonded to the bound
    /// still leaves USDC and EURC bonds free to grow.
    function test_BondsOverflow_IsPerCurrency() external {
        (, uint256 bonds18,) = escrow.totals(address(usd18));
        uint256 room = type(uint128).max - bonds18;
        vm.prank(admin);
        usd18.mint(provider, room + 1);
        vm.startPrank(provider);
        escrow.postBond(usd18Lot, room);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeEscrow.Escrow_BondsOverflow.selector, uint256(type(uint128).max) + 1, type(uint128).max
            )
        );
        escrow.postBond(usd18Lot, 1);
        escrow.postBond(lotId, 1e6);
        escrow.postBond(eurcLot, 1e6);
        vm.stopPrank();
        _assertExactlySolventInEach();
    }

    /*//////////////////////////////////////////////////////////////
                  PAUSES, CURES AND SHORTFALLS PER CURRENCY
    //////////////////////////////////////////////////////////////*/

    /// @dev EURC pauses: the EURC pledge's collateral cannot be claimed while it lasts nor within the cure after its
    /// recorded pause, while the USDC pledge's collateral is claimable throughout; USDC's record stays empty.
    function test_SettlementPause_BlocksOnlyThatCurrencysDefaults() external {
        uint256 usdPledge = _fundedPledge(lotId, PLEDGE_UNITS, PRINCIPAL, FEE);
        uint256 eurPledge = _fundedPledge(eurcLot, PLEDGE_UNITS, PRINCIPAL, FEE);
        vm.warp(maturity);

        vm.prank(admin);
        eurc.setPaused(true);
        vm.expectRevert(abi.encodeWithSelector(IComputeLending.Lending_SettlementPaused.selector, address(eurc)));
        vm.prank(lender);
        lending.claimCollateral(eurPledge);
        lending.recordSettlementPause(address(eurc));
        vm.expectRevert(abi.encodeWithSelector(IComputeLending.Lending_SettlementNotPaused.selector, address(usdc)));
        lending.recordSettlementPause(address(usdc));
        assertEq(lending.settlementPauseSeenAt(address(usdc)), 0);

        skip(1 hours);
        vm.prank(admin);
        eurc.setPaused(false);
        uint256 cureEnd = block.timestamp - 1 hours + lending.SETTLEMENT_CURE();
        vm.expectRevert(abi.encodeWithSelector(IComputeLending.Lending_SettlementCure.selector, cureEnd));
        vm.prank(lender);
        lending.claimCollateral(eurPledge);

        // Meanwhile the USDC pledge defaults as usual.
        vm.prank(lender);
        lending.claimCollateral(usdPledge);
        assertEq(uint8(lending.pledge(usdPledge).status), uint8(IComputeLending.PledgeStatus.Claimed));

        // After the cure alice had her chance to repay in EURC; the lender claims.
        vm.warp(cureEnd);
        vm.prank(lender);
        lending.claimCollateral(eurPledge);
        assertEq(token.balanceOf(lender, eurcLot), PLEDGE_UNITS);
    }

    /// @dev A paused currency blocks only its own repayments: alice repays her USDC pledge while EURC is paused.
    function test_SettlementPause_LeavesOtherCurrenciesRepayable() external {
        uint256 usdPledge = _fundedPledge(lotId, PLEDGE_UNITS, PRINCIPAL, FEE);
        uint256 eurPledge = _fundedPledge(eurcLot, PLEDGE_UNITS, PRINCIPAL, FEE);
        vm.prank(admin);
        eurc.setPaused(true);
        vm.prank(alice);
        lending.repay(usdPledge);
        vm.expectRevert(MockStablecoin.MockStablecoin_Paused.selector);
        vm.prank(alice);
        lending.repay(eurPledge);
        assertEq(escrow.claimable(lender, address(usdc)), PRINCIPAL + FEE);
    }

    /// @dev The escrow is short of EURC (lost outside its flows): EURC defaults wait (a EURC repayment could have been
    /// refused), USDC ones do not.
    function test_EscrowShortfall_BlocksOnlyThatCurrencysDefaults() external {
        uint256 usdPledge = _fundedPledge(lotId, PLEDGE_UNITS, PRINCIPAL, FEE);
        uint256 eurPledge = _fundedPledge(eurcLot, PLEDGE_UNITS, PRINCIPAL, FEE);
        vm.warp(maturity);
        (uint256 balance, uint256 obligations) = escrow.solvency(address(eurc));
        deal(address(eurc), address(escrow), balance - 1);

        vm.expectRevert(
            abi.encodeWithSelector(IComputeLending.Lending_EscrowShortfall.selector, balance - 1, obligations)
        );
        vm.prank(lender);
        lending.claimCollateral(eurPledge);
        vm.prank(lender);
        lending.claimCollateral(usdPledge);
        assertEq(token.balanceOf(lender, lotId), PLEDGE_UNITS);
    }

    /*//////////////////////////////////////////////////////////////
                     A REFUSED CURRENCY, A MIXED DAY
    //////////////////////////////////////////////////////////////*/

    /// @dev The 18-decimal coin is refused for new lots mid-way: its lot keeps trading, pledging and redeeming, and
    /// every currency stays exactly solvent with its totals equal to what its accounts are owed.
    function test_MixedDay_SolventPerCurrencyWithACurrencyRefusedMidway() external {
        _buy(bob, _offer(alice, lotId, 100, PRICE), 100);
        _buy(bob, _offer(alice, eurcLot, 100, EUR_PRICE), 100);
        vm.prank(admin);
        escrow.setCurrencyAccepted(address(usd18), false);
        _buy(bob, _offer(alice, usd18Lot, 100, USD18_PRICE), 100);
        uint256 pledge18 = _fundedPledge(usd18Lot, PLEDGE_UNITS, 50e18, 1e18);
        vm.prank(bob);
        uint256 refund = escrow.redeem(usd18Lot, 20);
        vm.prank(alice);
        lending.repay(pledge18);
        vm.warp(escrow.redemption(refund).deadline + 1);
        escrow.claimRefund(refund);

        _assertExactlySolventInEach();
        address[4] memory accounts = [provider, alice, bob, lender];
        address[3] memory currencies = [address(usdc), address(eurc), address(usd18)];
        for (uint256 c; c < currencies.length; ++c) {
            uint256 owed;
            for (uint256 a; a < accounts.length; ++a) {
                owed += escrow.claimable(accounts[a], currencies[c]);
            }
            assertEq(_credits(currencies[c]), owed, "the sum of claimable is the total of credits");
        }
        assertEq(escrow.claimable(alice, address(usd18)), 100 * uint256(USD18_PRICE) + 50e18, "sale + principal");
        assertEq(escrow.claimable(lender, address(usd18)), 51e18, "repayment");
        assertEq(escrow.claimable(bob, address(usd18)), 20 * uint256(USD18_PRICE), "refund");

        // Everyone withdraws everything, in every currency: the escrow is left with the bonds alone.
        for (uint256 c; c < currencies.length; ++c) {
            for (uint256 a; a < accounts.length; ++a) {
                if (escrow.claimable(accounts[a], currencies[c]) == 0) continue;
                vm.prank(accounts[a]);
                escrow.withdraw(currencies[c], accounts[a]);
            }
            (uint256 credits, uint256 bonds,) = escrow.totals(currencies[c]);
            assertEq(credits, 0);
            (uint256 balance,) = escrow.solvency(currencies[c]);
            assertEq(balance, bonds, "only the bonds left");
        }
    }
}
