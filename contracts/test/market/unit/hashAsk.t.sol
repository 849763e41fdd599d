// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

import {IComputeMarket} from "../../../src/interfaces/IComputeMarket.sol";
import {ComputeMarket} from "../../../src/market/ComputeMarket.sol";
import {MarketBase} from "../MarketBase.sol";
import {OrderTestLib} from "../utils/OrderTestLib.sol";

contract HashAsk_Unit_Test is MarketBase {
    IComputeMarket.Ask internal ask;

    function setUp() public override {
        super.setUp();
        // Every field non-zero and wide, so that a field dropped or mistyped in the encoding shows.
        ask = IComputeMarket.Ask({
            seller: alice,
            lotId: lotId,
            units: type(uint64).max - 1,
            pricePerUnit: type(uint96).max - 2,
            currency: address(usdc),
            expiry: type(uint40).max - 3,
            salt: uint256(keccak256("salt")),
            counter: 7
        });
    }

    function test_HashAsk() external view {
        assertEq(market.hashAsk(ask), OrderTestLib.askDigest(address(market), ask), "reference digest");
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256(bytes(OrderTestLib.ASK_TYPE)),
                ask.seller,
                ask.lotId,
                ask.units,
                ask.pricePerUnit,
                ask.currency,
                ask.expiry,
                ask.salt,
                ask.counter
            )
        );
        (, string memory name, string memory version, uint256 chainId, address verifyingContract,,) =
            market.eip712Domain();
        bytes32 domain = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256(bytes(name)),
                keccak256(bytes(version)),
                chainId,
                verifyingContract
            )
        );
        assertEq(market.hashAsk(ask), keccak256(abi.encodePacked("\x19\x01", domain, structHash)), "from the domain");

        (uint8 v, bytes32 r, bytes32 s) = vm.sign(ALICE_KEY, market.hashAsk(ask));
        assertEq(ECDSA.recover(market.hashAsk(ask), v, r, s), alice, "the seller's key signs it");
        assertEq(vm.addr(ALICE_KEY), alice, "ALICE_KEY is alice's");
    }

    function test_When_ASKTYPEHASHIsChecked() external view {
        assertEq(market.ASK_TYPEHASH(), keccak256(bytes(OrderTestLib.ASK_TYPE)));
        assertEq(
            market.ASK_TYPEHASH(),
            keccak256(
                "Ask(address seller,uint256 lotId,uint64 units,uint96 pricePerUnit,address currency,uint40 expiry,uint256 salt,uint256 counter)"
            )
        );
    }

    function test_When_TheDomainIsChecked() external view {
        (
            bytes1 fields,
            string memory name,
            string memory version,
            uint256 chainId,
            address verifyingContract,
            bytes32 salt,
            uint256[] memory extensions
        ) = market.eip712Domain();
        assertEq(fields, hex"0f", "name, version, chainId, verifyingContract");
        assertEq(name, "RwaCompute ComputeMarket");
        assertEq(version, "1");
        assertEq(chainId, block.chainid);
        assertEq(verifyingContract, address(market));
        assertEq(salt, bytes32(0));
        assertEq(extensions.length, 0);
    }

    function test_When_AnyOneFieldOfTheAskChanges() external view {
        bytes32 original = market.hashAsk(ask);
        for (uint256 field; field < 8; ++field) {
            IComputeMarket.Ask memory changed = ask;
            if (field == 0) changed.seller = bob;
            if (field == 1) changed.lotId = lotId + 1;
            if (field == 2) changed.units = ask.units - 1;
            if (field == 3) changed.pricePerUnit = ask.pricePerUnit - 1;
            if (field == 4) changed.currency = address(token);
            if (field == 5) changed.expiry = ask.expiry - 1;
            if (field == 6) changed.salt = ask.salt + 1;
            if (field == 7) changed.counter = ask.counter + 1;
            bytes32 digest = market.hashAsk(changed);
            assertNotEq(digest, original, vm.toString(field));
            assertEq(digest, OrderTestLib.askDigest(address(market), changed), vm.toString(field));
        }
    }

    function test_When_TheChainIdChanges() external {
        bytes32 original = market.hashAsk(ask);
        vm.chainId(block.chainid + 1);
        bytes32 digest = market.hashAsk(ask);
        assertNotEq(digest, original);
        assertEq(digest, OrderTestLib.askDigest(address(market), ask), "bound to the new chain id");
    }

    function test_When_AnotherMarketDeploymentHashesTheAsk() external {
        ComputeMarket other = new ComputeMarket(admin, ADMIN_DELAY, escrow, INDEX_WINDOW);
        bytes32 digest = other.hashAsk(ask);
        assertNotEq(digest, market.hashAsk(ask));
        assertEq(digest, OrderTestLib.askDigest(address(other), ask), "bound to the other market");
    }
}
