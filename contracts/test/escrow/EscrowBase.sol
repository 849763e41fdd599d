// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeCapacityToken} from "../../src/interfaces/IComputeCapacityToken.sol";
import {IComputeEscrow} from "../../src/interfaces/IComputeEscrow.sol";
import {IComputeLending} from "../../src/interfaces/IComputeLending.sol";
import {SuiteFixture} from "../utils/SuiteFixture.sol";

/// @notice Shared state and helpers of the escrow unit, fuzz and access-control tests (and, through `MarketBase` and
/// `LendingBase`, of the market's and the lending module's: sales and pledges settle into the escrow).
/// @dev `setUp` issues one bonded lot (`lotId`, `UNITS` units, bond = UNITS × PRICE) held by alice. The pledge helpers
/// call the lending module (pledged units cannot be sold or redeemed, so the escrow's and market's tests use them too).
abstract contract EscrowBase is SuiteFixture {
    uint256 internal constant UNITS = 1000;
    uint256 internal constant PLEDGE_UNITS = 100;
    uint256 internal constant PRINCIPAL = 100e6; // cap for 100 units at 50 % LTV is 125e6
    uint256 internal constant FEE = 5e6;

    bytes32 internal constant PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");

    uint256 internal lotId;
    uint40 internal endsAt;
    uint40 internal maturity;

    /// @dev An allowlisted, USDC-funded account with a known private key and NO allowance to the escrow (nor to the
    /// market or the lending module).
    address internal signer;
    uint256 internal signerKey;

    function setUp() public virtual override {
        super.setUp();
        lotId = _lotHeldBy(alice, UNITS);
        endsAt = token.lot(lotId).endsAt;
        maturity = uint40(block.timestamp + 10 days);

        (signer, signerKey) = makeAddrAndKey("permit-signer");
        vm.prank(admin);
        usdc.mint(signer, 1_000_000e6);
        vm.prank(compliance);
        token.setAllowed(signer, true);
    }

    /*//////////////////////////////////////////////////////////////
                                 ACTORS
    //////////////////////////////////////////////////////////////*/

    /// @dev Every named account of the fixture.
    function _allActors() internal view returns (address[11] memory) {
        return [admin, registrar, compliance, pauser, recovery, risk, provider, alice, bob, lender, outsider];
    }

    /// @dev Gives `who` stablecoin, escrow, market and lending allowances, the market's operator approval and
    /// allowlisting.
    function _onboard(address who) internal {
        vm.prank(admin);
        usdc.mint(who, 1_000_000e6);
        vm.prank(compliance);
        token.setAllowed(who, true);
        vm.startPrank(who);
        usdc.approve(address(escrow), type(uint256).max);
        usdc.approve(address(market), type(uint256).max);
        usdc.approve(address(lending), type(uint256).max);
        token.setApprovalForAll(address(market), true);
        vm.stopPrank();
    }

    /*//////////////////////////////////////////////////////////////
                                  FLOWS
    //////////////////////////////////////////////////////////////*/

    /// @dev `seller` lists `units` of the fixture's lot on the market at a fixed `price` until `expiresAt`.
    function _createOffer(address seller, uint256 units, uint256 price, uint40 expiresAt)
        internal
        returns (uint256 offerId)
    {
        vm.prank(seller);
        offerId = market.createOffer(lotId, units, price, expiresAt);
    }

    /// @dev alice offers 100 units at PRICE until the lot's end.
    function _defaultOffer() internal returns (uint256) {
        return _createOffer(alice, 100, PRICE, endsAt);
    }

    /// @dev `buyer` buys `units` from an offer through the market at its current price (the limit is that price).
    function _buy(address buyer, uint256 offerId, uint256 units) internal {
        uint256 price = market.priceAt(offerId, block.timestamp);
        vm.prank(buyer);
        market.purchase(offerId, units, price);
    }

    /// @dev `holder` pledges `units` of the fixture's lot through the lending module.
    function _requestPledge(address holder, uint256 units, address lender_, uint256 principal, uint256 fee, uint40 mat)
        internal
        returns (uint256 pledgeId)
    {
        vm.prank(holder);
        pledgeId = lending.requestPledge(lotId, units, lender_, principal, fee, mat);
    }

    /// @dev alice pledges PLEDGE_UNITS to `lender` for PRINCIPAL + FEE, maturing at `maturity`.
    function _defaultPledge() internal returns (uint256) {
        return _requestPledge(alice, PLEDGE_UNITS, lender, PRINCIPAL, FEE, maturity);
    }

    /// @dev `_defaultPledge`, funded by `lender`.
    function _activePledge() internal returns (uint256 pledgeId) {
        pledgeId = _defaultPledge();
        vm.prank(lender);
        lending.fundPledge(pledgeId);
    }

    function _redeem(address holder, uint256 units) internal returns (uint256 redemptionId) {
        vm.prank(holder);
        redemptionId = escrow.redeem(lotId, units);
    }

    /*//////////////////////////////////////////////////////////////
                                  VIEWS
    //////////////////////////////////////////////////////////////*/

    function _bondTotal(uint256 id) internal view returns (uint256 total) {
        (total,) = escrow.bondOf(id);
    }

    function _bondReserved(uint256 id) internal view returns (uint256 reserved) {
        (, reserved) = escrow.bondOf(id);
    }

    function _pledgeStatus(uint256 pledgeId) internal view returns (IComputeLending.PledgeStatus) {
        return lending.pledge(pledgeId).status;
    }

    function _redemptionStatus(uint256 redemptionId) internal view returns (IComputeEscrow.RedemptionStatus) {
        return escrow.redemption(redemptionId).status;
    }

    /*//////////////////////////////////////////////////////////////
                                 PERMIT
    //////////////////////////////////////////////////////////////*/

    /// @dev A real EIP-2612 signature by `key` over MockUSDC's domain, for the escrow as spender.
    function _permitSig(uint256 key, address owner, uint256 value, uint256 deadline)
        internal
        view
        returns (uint8 v, bytes32 r, bytes32 s)
    {
        return _permitSigFor(key, owner, address(escrow), value, deadline);
    }

    /// @dev A real EIP-2612 signature by `key` over MockUSDC's domain, for `spender`.
    function _permitSigFor(uint256 key, address owner, address spender, uint256 value, uint256 deadline)
        internal
        view
        returns (uint8 v, bytes32 r, bytes32 s)
    {
        bytes32 structHash = keccak256(abi.encode(PERMIT_TYPEHASH, owner, spender, value, usdc.nonces(owner), deadline));
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", usdc.DOMAIN_SEPARATOR(), structHash));
        (v, r, s) = vm.sign(key, digest);
    }

    /*//////////////////////////////////////////////////////////////
                                 ORACLE
    //////////////////////////////////////////////////////////////*/

    /// @dev A quorum report for `POOL` at `epoch`, observed now.
    function _reportPool(uint64 epoch, uint16 uptimeBps, uint64 delivered) internal {
        _report(POOL, epoch, uptimeBps, delivered, 2);
    }

    /// @dev A lot like the fixture's but settling in `currency` (accepted by the admin first if it is not), `units` held
    /// by `holder`. Same pool and terms, so only the currency tells its id from the fixture lot's. The provider must
    /// hold the bond (`units` × PRICE) in `currency` and have approved the escrow for it.
    function _lotInCurrency(address currency, address holder, uint256 units) internal returns (uint256 id) {
        (bool accepted,) = escrow.currencyInfo(currency);
        if (!accepted) {
            vm.prank(admin);
            escrow.setCurrencyAccepted(currency, true);
        }
        IComputeCapacityToken.LotSpec memory spec = _spec();
        spec.currency = currency;
        vm.startPrank(provider);
        id = token.issueLot(spec, provider, units);
        if (holder != provider) token.safeTransferFrom(provider, holder, id, units, "");
        vm.stopPrank();
    }

    /// @dev A second lot on `POOL` with a different spec (so a different id), bonded and held by `holder`.
    function _secondLotHeldBy(address holder, uint256 units) internal returns (uint256 id) {
        IComputeCapacityToken.LotSpec memory spec = _spec();
        spec.metadataHash = keccak256("second lot");
        vm.startPrank(provider);
        id = token.issueLot(spec, provider, units);
        token.safeTransferFrom(provider, holder, id, units, "");
        vm.stopPrank();
    }
}
