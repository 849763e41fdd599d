// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title FeeOnTransferToken
/// @notice Test double: a 6-decimal token that burns `feeBps` of every transfer, so receivers get less than sent. The
/// fee can be switched on later (`setFeeBps`), as some stablecoins' issuers can: a lot's issuance, which must bond in
/// full, can then happen before it.
contract FeeOnTransferToken is ERC20 {
    /// @notice The share of every transfer burned, in basis points.
    uint256 public feeBps;

    constructor(uint256 feeBps_) ERC20("Fee Token (test)", "FEE") {
        feeBps = feeBps_;
    }

    /// @notice Changes the fee (anyone).
    function setFeeBps(uint256 feeBps_) external {
        feeBps = feeBps_;
    }

    /// @notice 6 decimals, like USDC.
    function decimals() public pure override returns (uint8) {
        return 6;
    }

    /// @notice Mints test money (anyone).
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function _update(address from, address to, uint256 value) internal override {
        if (from == address(0) || to == address(0)) return super._update(from, to, value);
        uint256 fee = value * feeBps / 10_000;
        super._update(from, address(0), fee);
        super._update(from, to, value - fee);
    }
}
