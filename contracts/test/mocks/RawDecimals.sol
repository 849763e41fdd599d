// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title RawDecimals
/// @notice Test double: a contract that answers every call, `decimals()` included, with exactly the raw bytes it was
/// deployed with (no ABI encoding added), or reverts with a reason when told to. It plays the would-be currencies of
/// finding C-1: an empty answer, one shorter than a word, a word above 255, a revert.
contract RawDecimals {
    bytes private _answer;
    bool private _reverts;

    /// @param answer The return data of every call.
    /// @param reverts Whether every call reverts instead (with the reason "RawDecimals: no decimals").
    constructor(bytes memory answer, bool reverts) {
        _answer = answer;
        _reverts = reverts;
    }

    fallback(bytes calldata) external returns (bytes memory) {
        if (_reverts) revert("RawDecimals: no decimals");
        return _answer;
    }
}
