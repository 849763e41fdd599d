// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title MockPriceIndex
/// @notice Test double: a price index that answers `priceOf` as told, for any key — an honest-looking answer, a huge
/// or zero price, a revert, too little data, a return bomb, or a dirty `lastTradeAt`. It stands for a wrong or
/// malicious index a rogue RISK_ROLE could point the lending module at (review ids IX-n, docs/SPEC.md §9).
contract MockPriceIndex {
    /// @notice How `priceOf` answers.
    enum Mode {
        /// @notice Returns (lastPrice, lastTradeAt, average) as set.
        Answer,
        /// @notice Reverts with a reason.
        Revert,
        /// @notice Returns only two words.
        ShortData,
        /// @notice Returns 2 048 words (64 KiB, a return bomb), the first three zero ("never traded").
        ReturnBomb,
        /// @notice Returns a `lastTradeAt` that does not fit 40 bits.
        DirtyTime
    }

    Mode public mode;
    uint256 public lastPrice;
    uint40 public lastTradeAt;
    uint256 public average;

    /// @notice Sets the answer (anyone: a test double).
    function set(uint256 lastPrice_, uint40 lastTradeAt_, uint256 average_) external {
        mode = Mode.Answer;
        lastPrice = lastPrice_;
        lastTradeAt = lastTradeAt_;
        average = average_;
    }

    /// @notice Sets how `priceOf` answers.
    function setMode(Mode mode_) external {
        mode = mode_;
    }

    /// @notice The index's answer for any key, as set.
    function priceOf(bytes16, bytes16, address) external view returns (uint256, uint40, uint256) {
        Mode m = mode;
        if (m == Mode.Revert) revert("index down");
        if (m == Mode.ShortData) {
            assembly ("memory-safe") {
                mstore(0, 1)
                mstore(0x20, 1)
                return(0, 0x40)
            }
        }
        if (m == Mode.ReturnBomb) {
            assembly ("memory-safe") {
                mstore(0, 0)
                mstore(0x20, 0)
                mstore(0x40, 0)
                return(0, 0x10000)
            }
        }
        if (m == Mode.DirtyTime) {
            assembly ("memory-safe") {
                mstore(0, 1)
                mstore(0x20, shl(40, 1))
                mstore(0x40, 1)
                return(0, 0x60)
            }
        }
        return (lastPrice, lastTradeAt, average);
    }
}
