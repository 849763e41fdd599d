// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/// @title MockStablecoin
/// @notice Test double of a regulated stablecoin with configurable name, symbol and decimals (EURC with 6, an
/// 18-decimal coin): owner mint, issuer blacklist, global pause and EIP-2612 permit, as MockUSDC has them.
contract MockStablecoin is ERC20, ERC20Permit, Ownable {
    /// @notice Thrown when a blacklisted account sends, receives or approves.
    error MockStablecoin_Blacklisted(address account);
    /// @notice Thrown while paused.
    error MockStablecoin_Paused();

    /// @notice Emitted when an account is blacklisted or cleared.
    event BlacklistUpdated(address indexed account, bool blacklisted);
    /// @notice Emitted when the token is paused or unpaused.
    event PauseUpdated(bool paused);

    uint8 private immutable _DECIMALS;

    mapping(address account => bool) public isBlacklisted;
    bool public paused;

    constructor(string memory name_, string memory symbol_, uint8 decimals_, address owner_)
        ERC20(name_, symbol_)
        ERC20Permit(name_)
        Ownable(owner_)
    {
        _DECIMALS = decimals_;
    }

    /// @notice The decimals given at deployment.
    function decimals() public view override returns (uint8) {
        return _DECIMALS;
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
        if (paused) revert MockStablecoin_Paused();
        if (isBlacklisted[from]) revert MockStablecoin_Blacklisted(from);
        if (isBlacklisted[to]) revert MockStablecoin_Blacklisted(to);
        if (isBlacklisted[msg.sender]) revert MockStablecoin_Blacklisted(msg.sender);
        super._update(from, to, value);
    }
}
