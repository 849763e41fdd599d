// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeCapacityToken} from "../interfaces/IComputeCapacityToken.sol";

/// @notice A compute-capacity lot's ERC-1155 id, whose bits mean something: the lot's `endsAt` in the top 40 bits,
/// the low 216 bits of the hash of its spec below (`LotIdLibrary`).
/// @dev A type of the contracts' insides only: the external ABI (ERC-1155's functions included) keeps `uint256` ids,
/// so that the ERC-1155 standard, the events and the generated bindings see plain numbers. Wrap an id where its bits
/// are read (`LotId.wrap(lotId).endsAt()`) and unwrap it where it leaves (`LotId.unwrap(spec.toLotId())`).
type LotId is uint256;

using LotIdLibrary for LotId global;

/// @title LotIdLibrary
/// @notice The bit layout of a lot id: `endsAt << 216 | low216(keccak256(abi.encode(spec)))`. The same spec always
/// gives the same id, and a lot's expiry is read from its id, so transfers check it without reading storage.
library LotIdLibrary {
    /// @notice How many low bits of an id hold the spec's hash; `endsAt` fills the 40 bits above them.
    uint256 internal constant DIGEST_BITS = 216;

    /// @notice The mask of an id's digest bits (the low `DIGEST_BITS`).
    uint256 internal constant DIGEST_MASK = (uint256(1) << DIGEST_BITS) - 1;

    /// @notice The id of the lot `spec` defines.
    /// @param spec The lot's defining fields; every one of them, `endsAt` included, goes into the hash.
    /// @return The id: `spec.endsAt` in the top 40 bits, the low 216 bits of `keccak256(abi.encode(spec))` below.
    /// @dev `compose(spec.endsAt, keccak256(abi.encode(spec)))` spelled out: the same value (the library's unit and
    /// fuzz tests check it), but calling `compose` here cost the token 13 bytes of runtime code, and it has little
    /// room left under EIP-170.
    function toLotId(IComputeCapacityToken.LotSpec calldata spec) internal pure returns (LotId) {
        return LotId.wrap((uint256(spec.endsAt) << DIGEST_BITS) | (uint256(keccak256(abi.encode(spec))) & DIGEST_MASK));
    }

    /// @notice An id from its two parts.
    /// @param lotEndsAt The lot's `endsAt` (unix seconds); it fills the top 40 bits.
    /// @param specHash The spec's hash; only its low 216 bits are kept.
    /// @return The id.
    function compose(uint40 lotEndsAt, bytes32 specHash) internal pure returns (LotId) {
        return LotId.wrap((uint256(lotEndsAt) << DIGEST_BITS) | (uint256(specHash) & DIGEST_MASK));
    }

    /// @notice The lot's `endsAt`, read from the top 40 bits of its id.
    /// @param id The lot id.
    /// @return The end of the lot's delivery window (unix seconds).
    function endsAt(LotId id) internal pure returns (uint40) {
        // forge-lint: disable-next-line(unsafe-typecast) -- the id's top 40 bits, by construction
        return uint40(LotId.unwrap(id) >> DIGEST_BITS);
    }

    /// @notice The spec-hash part of an id: its low 216 bits.
    /// @param id The lot id.
    /// @return The low 216 bits of the hash of the lot's spec.
    function digest(LotId id) internal pure returns (uint256) {
        return LotId.unwrap(id) & DIGEST_MASK;
    }
}
