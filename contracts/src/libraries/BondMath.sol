// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {Bps} from "./Bps.sol";

/// @title BondMath
/// @notice The one formula the token and the escrow share: how much bond backs one unit of a lot.
library BondMath {
    /// @notice Bond per unit of a lot: `referencePrice × coverageBps / 10 000`, rounded up so that the bond never
    /// covers less than the stated ratio. A redemption reserves exactly this per unit, and refunds pay it.
    /// @param referencePrice The lot's reference price per unit, in stablecoin base units.
    /// @param coverageBps The lot's bond coverage ratio, in basis points (1 to 10 000).
    function unitCover(uint256 referencePrice, uint256 coverageBps) internal pure returns (uint256) {
        return Math.mulDiv(referencePrice, coverageBps, Bps.MAX, Math.Rounding.Ceil);
    }
}
