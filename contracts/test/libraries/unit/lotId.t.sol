// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {LotId, LotIdLibrary} from "../../../src/libraries/LotId.sol";
import {LotIdHarness} from "../utils/LotIdHarness.sol";

/// @notice Tests of the lot id's bit layout, `LotIdLibrary` (see lotId.tree). The expected values are written out
/// with shifts and masks of their own, not with the library's constants.
contract LotId_Unit_Test is Test {
    /// @dev The low 216 bits, where an id keeps the spec's hash.
    uint256 internal constant LOW_216 = (uint256(1) << 216) - 1;

    LotIdHarness internal harness;

    function setUp() public {
        harness = new LotIdHarness();
    }

    /// @dev The reference spec of the SDK's LotIdsTests (tests/RwaCompute.Sdk.Tests/Clients/LotIdsTests.cs).
    function _referenceSpec() internal pure returns (IComputeCapacityToken.LotSpec memory) {
        return IComputeCapacityToken.LotSpec({
            provider: 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266,
            poolId: bytes32(0x1111111111111111111111111111111111111111111111111111111111111111),
            gpuModel: bytes16("H100-SXM5-80G"),
            region: bytes16("eu-west"),
            startsAt: 1_767_225_600,
            endsAt: 1_769_904_000,
            referencePrice: 2_500_000,
            slaUptimeBps: 9950,
            bondCoverageBps: 10_000,
            energyWhPerGpuHour: 700,
            metadataHash: bytes32(0x2222222222222222222222222222222222222222222222222222222222222222),
            currency: 0x5FbDB2315678afecb367f032d93F642f64180aa3
        });
    }

    function _id(IComputeCapacityToken.LotSpec memory spec) internal view returns (uint256) {
        return LotId.unwrap(harness.toLotId(spec));
    }

    function test_When_CallingToLotId() external view {
        IComputeCapacityToken.LotSpec memory spec = _referenceSpec();
        bytes32 hash = keccak256(abi.encode(spec));
        uint256 id = _id(spec);
        assertEq(id >> 216, spec.endsAt, "top 40 bits");
        assertEq(id & LOW_216, uint256(hash) & LOW_216, "low 216 bits");
        assertEq(id, LotId.unwrap(LotIdLibrary.compose(spec.endsAt, hash)), "compose");
    }

    function test_When_TheSpecIsTheSDKsReferenceSpec() external view {
        // cast keccak $(cast abi-encode "f((address,bytes32,bytes16,bytes16,uint40,uint40,uint96,uint16,uint16,
        // uint32,bytes32,address))" "(<the spec's fields>)") = 0x88a7a7c10ce7d22ac74e…1aa5; the id keeps its low 216
        // bits under endsAt = 1 769 904 000 = 0x697e9780.
        assertEq(_id(_referenceSpec()), 0x00697e9780e7d22ac74e7859375c68d32c6f8c30e69e3e2eff3ef926f09c1aa5);
    }

    function test_When_TwoSpecsDifferInEndsAtOnly() external view {
        IComputeCapacityToken.LotSpec memory spec = _referenceSpec();
        uint256 first = _id(spec);
        spec.endsAt += 1 days;
        uint256 second = _id(spec);
        assertEq(first >> 216, 1_769_904_000);
        assertEq(second >> 216, 1_769_904_000 + 1 days);
        // endsAt is hashed too, so the low bits tell the two lots apart as well.
        assertNotEq(first & LOW_216, second & LOW_216);
    }

    function test_When_CallingCompose() external pure {
        uint40 endsAt = 1_769_904_000;
        bytes32 hash = keccak256("a spec");
        uint256 id = LotId.unwrap(LotIdLibrary.compose(endsAt, hash));
        assertEq(id >> 216, endsAt, "top 40 bits");
        assertEq(id & LOW_216, uint256(hash) & LOW_216, "low 216 bits");
        // The hash's top 40 bits are dropped, not mixed into endsAt's.
        assertEq(id, (uint256(endsAt) << 216) | (uint256(hash) & LOW_216));
    }

    function test_When_EndsAtAndTheHashAreAtTheirExtremes() external pure {
        assertEq(LotId.unwrap(LotIdLibrary.compose(0, bytes32(~LOW_216))), 0);
        assertEq(LotId.unwrap(LotIdLibrary.compose(type(uint40).max, bytes32(type(uint256).max))), type(uint256).max);
    }

    function test_When_CallingEndsAt() external pure {
        assertEq(LotId.wrap(0x00697e978055fa0e01be7a1adc6a33b444295eeb4cfb1fed1fc10a47b211363c).endsAt(), 1_769_904_000);
        assertEq(LotId.wrap(0).endsAt(), 0);
        assertEq(LotId.wrap(LOW_216).endsAt(), 0);
        assertEq(LotId.wrap(type(uint256).max).endsAt(), type(uint40).max);
    }

    function test_When_CallingDigest() external pure {
        assertEq(
            LotId.wrap(0x00697e978055fa0e01be7a1adc6a33b444295eeb4cfb1fed1fc10a47b211363c).digest(),
            0x55fa0e01be7a1adc6a33b444295eeb4cfb1fed1fc10a47b211363c
        );
        assertEq(LotId.wrap(0).digest(), 0);
        assertEq(LotId.wrap(~LOW_216).digest(), 0);
        assertEq(LotId.wrap(type(uint256).max).digest(), LOW_216);
    }

    function test_When_AnIdIsComposedFromItsTwoParts() external pure {
        bytes32 hash = keccak256("another spec");
        LotId id = LotIdLibrary.compose(1_800_000_000, hash);
        assertEq(id.endsAt(), 1_800_000_000);
        assertEq(id.digest(), uint256(hash) & LOW_216);
    }

    function test_When_AnIdIsSplitIntoItsTwoParts() external pure {
        uint256 raw = 0x00697e978055fa0e01be7a1adc6a33b444295eeb4cfb1fed1fc10a47b211363c;
        LotId id = LotId.wrap(raw);
        assertEq(LotId.unwrap(LotIdLibrary.compose(id.endsAt(), bytes32(id.digest()))), raw);
    }
}
