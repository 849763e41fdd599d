// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {IERC1155Receiver} from "@openzeppelin/contracts/token/ERC1155/IERC1155Receiver.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";

/// @notice An ERC-1155 receiver that, once armed, moves its own units to `target` from inside the acceptance hook.
/// Used to show that a nested transfer runs under the compliance mode of the outer one.
contract ReentrantReceiver is IERC1155Receiver {
    IERC1155 public immutable TOKEN;

    address public target;
    uint256 public lotId;
    uint256 public units;
    bool public armed;

    constructor(IERC1155 token_) {
        TOKEN = token_;
    }

    function arm(address target_, uint256 lotId_, uint256 units_) external {
        (target, lotId, units, armed) = (target_, lotId_, units_, true);
    }

    function onERC1155Received(address, address, uint256, uint256, bytes calldata) external returns (bytes4) {
        _reenter();
        return this.onERC1155Received.selector;
    }

    function onERC1155BatchReceived(address, address, uint256[] calldata, uint256[] calldata, bytes calldata)
        external
        returns (bytes4)
    {
        _reenter();
        return this.onERC1155BatchReceived.selector;
    }

    function supportsInterface(bytes4 interfaceId) external pure returns (bool) {
        return interfaceId == type(IERC1155Receiver).interfaceId || interfaceId == type(IERC165).interfaceId;
    }

    function _reenter() private {
        if (!armed) return;
        armed = false;
        TOKEN.safeTransferFrom(address(this), target, lotId, units, "");
    }
}
