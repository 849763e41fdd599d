// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {TokenBase} from "../TokenBase.sol";

/// @notice Branching-tree tests of `setBaseUri` (see setBaseUri.tree).
contract SetBaseUri_Unit_Test is TokenBase {
    string internal constant NEW_URI = "ipfs://bafy-lots/{id}.json";

    function test_RevertWhen_TheCallerDoesNotHaveDEFAULTADMINROLE() external {
        vm.expectRevert(_unauthorized(registrar, DEFAULT_ADMIN_ROLE));
        vm.prank(registrar);
        token.setBaseUri(NEW_URI);
    }

    function test_When_TheCallerHasDEFAULTADMINROLE() external {
        uint256 lotId = _issueLot(1);
        assertEq(token.uri(lotId), BASE_URI);

        vm.expectEmit(false, false, false, true, address(token));
        emit IComputeCapacityToken.BaseUriUpdated(NEW_URI);
        vm.prank(admin);
        token.setBaseUri(NEW_URI);

        assertEq(token.uri(lotId), NEW_URI);
        assertEq(token.uri(0), NEW_URI);
        assertEq(token.uri(type(uint256).max), NEW_URI);
    }
}
