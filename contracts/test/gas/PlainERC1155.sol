// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC1155} from "@openzeppelin/contracts/token/ERC1155/ERC1155.sol";

/// @notice The reference for the gas comparison: OpenZeppelin's ERC1155 with nothing added but a mint.
contract PlainERC1155 is ERC1155("") {
    /// @notice Mints without any check (reference only).
    function mint(address to, uint256 id, uint256 amount) external {
        _mint(to, id, amount, "");
    }
}
