// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/// @title MockUSDC
/// @notice Test double of a regulated stablecoin: 6 decimals, issuer blacklist, global pause, EIP-2612 permit.
contract MockUSDC is ERC20, ERC20Permit, Ownable {
    /// @notice Thrown when a blacklisted account sends, receives or approves.
    error MockUSDC_Blacklisted(address account);
    /// @notice Thrown while paused.
    error MockUSDC_Paused();

    /// @notice Emitted when an account is blacklisted or cleared.
    event BlacklistUpdated(address indexed account, bool blacklisted);
    /// @notice Emitted when the token is paused or unpaused.
    event PauseUpdated(bool paused);

    mapping(address account => bool) public isBlacklisted;
    bool public paused;

    constructor(address owner_) ERC20("USD Coin (test)", "USDC") ERC20Permit("USD Coin (test)") Ownable(owner_) {}

    /// @notice 6 decimals, like USDC.
    function decimals() public pure override returns (uint8) {
        return 6;
    }

    /// @notice Mints test money (owner only).
    function mint(address to, uint256 amount) external onlyOwner {
        _mint(to, amount);
    }

    /// @notice Blacklists or clears an account (owner only).
    function setBlacklisted(address account, bool blacklisted) external onlyOwner {
        isBlacklisted[account] = blacklisted;
        emit BlacklistUpdated(account, blacklisted);
    }

    /// @notice Pauses or unpauses every transfer (owner only).
    function setPaused(bool paused_) external onlyOwner {
        paused = paused_;
        emit PauseUpdated(paused_);
    }

    function _update(address from, address to, uint256 value) internal override {
        if (paused) revert MockUSDC_Paused();
        if (isBlacklisted[from]) revert MockUSDC_Blacklisted(from);
        if (isBlacklisted[to]) revert MockUSDC_Blacklisted(to);
        if (isBlacklisted[msg.sender]) revert MockUSDC_Blacklisted(msg.sender);
        super._update(from, to, value);
    }
}
