// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

import {IComputeMarket} from "../../../src/interfaces/IComputeMarket.sol";
import {ComputeMarket} from "../../../src/market/ComputeMarket.sol";
import {MarketBase} from "../MarketBase.sol";
import {OrderTestLib} from "../utils/OrderTestLib.sol";

contract HashBid_Unit_Test is MarketBase {
    IComputeMarket.Bid internal bid;

    function setUp() public override {
        super.setUp();
        // Every field non-zero and wide, so that a field dropped, mistyped or padded on the wrong side shows.
        bid = IComputeMarket.Bid({
            buyer: bob,
            gpuModel: GPU,
            region: REGION,
            deliveryFrom: type(uint40).max - 1,
            deliveryUntil: type(uint40).max - 2,
            minSlaBps: type(uint16).max - 3,
            maxWhPerGpuHour: type(uint32).max - 4,
            minUnitCover: type(uint96).max - 8,
            currency: address(usdc),
            pricePerUnit: type(uint96).max - 5,
            units: type(uint64).max - 6,
            expiry: type(uint40).max - 7,
            salt: uint256(keccak256("salt")),
            counter: 9
        });
    }

    function test_HashBid() external view {
        assertEq(market.hashBid(bid), OrderTestLib.bidDigest(address(market), bid), "reference digest");
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(BOB_KEY, market.hashBid(bid));
        assertEq(ECDSA.recover(market.hashBid(bid), v, r, s), bob, "the buyer's key signs it");
        assertEq(vm.addr(BOB_KEY), bob, "BOB_KEY is bob's");
    }

    function test_When_BIDTYPEHASHIsChecked() external view {
        assertEq(market.BID_TYPEHASH(), keccak256(bytes(OrderTestLib.BID_TYPE)));
        assertEq(
            market.BID_TYPEHASH(),
            keccak256(
                "Bid(address buyer,bytes16 gpuModel,bytes16 region,uint40 deliveryFrom,uint40 deliveryUntil,uint16 minSlaBps,uint32 maxWhPerGpuHour,uint96 minUnitCover,address currency,uint96 pricePerUnit,uint64 units,uint40 expiry,uint256 salt,uint256 counter)"
            )
        );
    }

    function test_When_AnyOneFieldOfTheBidChanges() external view {
        bytes32 original = market.hashBid(bid);
        for (uint256 field; field < 14; ++field) {
            IComputeMarket.Bid memory changed = bid;
            if (field == 0) changed.buyer = alice;
            if (field == 1) changed.gpuModel = bytes16("A100-SXM4-40GB");
            if (field == 2) changed.region = bytes16(0);
            if (field == 3) changed.deliveryFrom = bid.deliveryFrom - 1;
            if (field == 4) changed.deliveryUntil = bid.deliveryUntil - 1;
            if (field == 5) changed.minSlaBps = bid.minSlaBps - 1;
            if (field == 6) changed.maxWhPerGpuHour = bid.maxWhPerGpuHour - 1;
            if (field == 7) changed.currency = address(token);
            if (field == 8) changed.pricePerUnit = bid.pricePerUnit - 1;
            if (field == 9) changed.units = bid.units - 1;
            if (field == 10) changed.expiry = bid.expiry - 1;
            if (field == 11) changed.salt = bid.salt + 1;
            if (field == 12) changed.counter = bid.counter + 1;
            if (field == 13) changed.minUnitCover = bid.minUnitCover - 1;
            bytes32 digest = market.hashBid(changed);
            assertNotEq(digest, original, vm.toString(field));
            assertEq(digest, OrderTestLib.bidDigest(address(market), changed), vm.toString(field));
        }
    }

    function test_When_TheChainIdChanges() external {
        bytes32 original = market.hashBid(bid);
        vm.chainId(block.chainid + 1);
        bytes32 digest = market.hashBid(bid);
        assertNotEq(digest, original);
        assertEq(digest, OrderTestLib.bidDigest(address(market), bid), "bound to the new chain id");
    }

    function test_When_AnotherMarketDeploymentHashesTheBid() external {
        ComputeMarket other = new ComputeMarket(admin, ADMIN_DELAY, escrow, INDEX_WINDOW);
        bytes32 digest = other.hashBid(bid);
        assertNotEq(digest, market.hashBid(bid));
        assertEq(digest, OrderTestLib.bidDigest(address(other), bid), "bound to the other market");
    }
}
