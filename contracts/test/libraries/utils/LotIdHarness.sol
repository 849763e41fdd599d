// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {LotId, LotIdLibrary} from "../../../src/libraries/LotId.sol";

/// @notice Calls `LotIdLibrary.toLotId`, which reads its spec from calldata, for tests that build specs in memory.
contract LotIdHarness {
    /// @notice `LotIdLibrary.toLotId(spec)`.
    /// @param spec The lot's defining fields.
    function toLotId(IComputeCapacityToken.LotSpec calldata spec) external pure returns (LotId) {
        return LotIdLibrary.toLotId(spec);
    }
}
