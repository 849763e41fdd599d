// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {LotId, LotIdLibrary} from "../../../src/libraries/LotId.sol";
import {ComputeCapacityToken} from "../../../src/token/ComputeCapacityToken.sol";
import {LotIdHarness} from "../utils/LotIdHarness.sol";

/// @notice Property tests of `LotIdLibrary`: for arbitrary specs it agrees with the token's external `lotIdOf` and
/// with the id computed from scratch (arithmetic on the hash of the fields, not the library's shifts and masks);
/// composing and splitting ids are inverse.
contract LotIdFuzz_Test is Test {
    /// @dev 2^216: an id is `endsAt × 2^216 + (hash mod 2^216)`.
    uint256 internal constant TWO_POW_216 = 2 ** 216;

    LotIdHarness internal harness;
    ComputeCapacityToken internal token;

    function setUp() public {
        harness = new LotIdHarness();
        // `lotIdOf` is pure: a bare token, no roles or bond vault, answers it.
        token = new ComputeCapacityToken(makeAddr("admin"), 0, "");
    }

    /// @dev The id of `spec` from its definition: the fields hashed one by one in their declared order.
    function _fromScratch(IComputeCapacityToken.LotSpec memory spec) internal pure returns (uint256) {
        bytes32 hash = keccak256(
            abi.encode(
                spec.provider,
                spec.poolId,
                spec.gpuModel,
                spec.region,
                spec.startsAt,
                spec.endsAt,
                spec.referencePrice,
                spec.slaUptimeBps,
                spec.bondCoverageBps,
                spec.energyWhPerGpuHour,
                spec.metadataHash,
                spec.currency
            )
        );
        return uint256(spec.endsAt) * TWO_POW_216 + uint256(hash) % TWO_POW_216;
    }

    function testFuzz_ToLotId_MatchesTheTokensLotIdOf(IComputeCapacityToken.LotSpec memory spec) external view {
        assertEq(LotId.unwrap(harness.toLotId(spec)), token.lotIdOf(spec));
    }

    function testFuzz_ToLotId_MatchesTheIdComputedFromScratch(IComputeCapacityToken.LotSpec memory spec) external view {
        LotId id = harness.toLotId(spec);
        assertEq(LotId.unwrap(id), _fromScratch(spec));
        assertEq(id.endsAt(), spec.endsAt);
    }

    function testFuzz_ToLotId_EqualsComposeOfTheSpecsParts(IComputeCapacityToken.LotSpec memory spec) external view {
        LotId composed = LotIdLibrary.compose(spec.endsAt, keccak256(abi.encode(spec)));
        assertEq(LotId.unwrap(harness.toLotId(spec)), LotId.unwrap(composed));
    }

    function testFuzz_Compose_GivesBothPartsBack(uint40 endsAt, bytes32 hash) external pure {
        LotId id = LotIdLibrary.compose(endsAt, hash);
        assertEq(id.endsAt(), endsAt);
        assertEq(id.digest(), uint256(hash) % TWO_POW_216);
        assertEq(LotId.unwrap(id), uint256(endsAt) * TWO_POW_216 + uint256(hash) % TWO_POW_216);
    }

    function testFuzz_Split_ComposesBackIntoTheSameId(uint256 raw) external pure {
        LotId id = LotId.wrap(raw);
        assertEq(id.endsAt(), raw / TWO_POW_216);
        assertEq(id.digest(), raw % TWO_POW_216);
        assertEq(LotId.unwrap(LotIdLibrary.compose(id.endsAt(), bytes32(id.digest()))), raw);
    }
}
