// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title Bps
/// @notice Basis points, the unit of every ratio in the suite: a lot's SLA uptime and bond coverage, a loan-to-value,
/// an oracle report's utilization and uptime. The one definition of their scale, which the token, the escrow, the
/// oracle and `BondMath` all read.
library Bps {
    /// @notice Basis points in 100 %: the largest value a basis-point field may hold.
    uint16 internal constant MAX = 10_000;
}
