// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

import {ReentrantTrader} from "./ReentrantTrader.sol";

/// @notice A smart-contract wallet (ERC-1271) that makes signed orders: a digest is valid when its owner's key signed
/// it and the wallet has not been switched to reject everything. Being a `ReentrantTrader`, it trades through `exec`
/// and can re-enter from its ERC-1155 acceptance hook.
contract ContractWallet is ReentrantTrader, IERC1271 {
    address public immutable owner;
    bool public rejectAll;

    constructor(address owner_) {
        owner = owner_;
    }

    /// @dev Makes every later `isValidSignature` answer "invalid" (a wallet revoking its signatures).
    function setRejectAll(bool reject) external {
        rejectAll = reject;
    }

    function isValidSignature(bytes32 hash, bytes calldata signature) external view returns (bytes4) {
        (address recovered, ECDSA.RecoverError err,) = ECDSA.tryRecover(hash, signature);
        if (rejectAll || err != ECDSA.RecoverError.NoError || recovered != owner) return 0xffffffff;
        return IERC1271.isValidSignature.selector;
    }
}
