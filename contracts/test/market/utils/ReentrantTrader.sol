// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC1155Receiver} from "@openzeppelin/contracts/token/ERC1155/IERC1155Receiver.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";

/// @notice A contract account that trades through `exec` and, once armed, makes one call of its choice from inside its
/// ERC-1155 acceptance hook, bubbling that call's revert (so the outer transaction fails with the inner error).
contract ReentrantTrader is IERC1155Receiver {
    address public target;
    bytes public payload;
    bool public armed;

    /// @dev Arms the hook: the next units received trigger `target.call(payload)`.
    function arm(address target_, bytes calldata payload_) external {
        (target, payload, armed) = (target_, payload_, true);
    }

    /// @dev Makes a call as this account, bubbling a revert.
    function exec(address to, bytes calldata data) external returns (bytes memory result) {
        bool ok;
        (ok, result) = to.call(data);
        if (!ok) _bubble(result);
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
        (bool ok, bytes memory result) = target.call(payload);
        if (!ok) _bubble(result);
    }

    function _bubble(bytes memory reason) private pure {
        assembly ("memory-safe") {
            revert(add(reason, 32), mload(reason))
        }
    }
}
