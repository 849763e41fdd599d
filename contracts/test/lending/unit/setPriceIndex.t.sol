// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";

import {IComputeLending} from "../../../src/interfaces/IComputeLending.sol";
import {IComputeMarket} from "../../../src/interfaces/IComputeMarket.sol";
import {MockPriceIndex} from "../../mocks/MockPriceIndex.sol";
import {LendingBase} from "../LendingBase.sol";

/// @notice Branching-tree tests of `setPriceIndex` and `priceIndex` (see setPriceIndex.tree).
contract SetPriceIndex_Unit_Test is LendingBase {
    MockPriceIndex internal index;

    function setUp() public override {
        super.setUp();
        index = new MockPriceIndex();
    }

    function _referenceCap(uint256 units) internal pure returns (uint256) {
        return units * PRICE * DEFAULT_LTV / 10_000;
    }

    function test_RevertWhen_TheCallerDoesNotHaveRISKROLE() external {
        bytes32 role = lending.RISK_ROLE();
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, bob, role));
        vm.prank(bob);
        lending.setPriceIndex(IComputeMarket(address(market)));
    }

    /// @dev The market's and the lending module's RISK_ROLE share a name, not a grant.
    function test_RevertWhen_TheCallerHasTheMarketsRISKROLEOnly() external {
        address marketRisk = makeAddr("market-risk");
        bytes32 role = lending.RISK_ROLE();
        vm.startPrank(admin);
        market.grantRole(role, marketRisk);
        vm.stopPrank();
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, marketRisk, role)
        );
        vm.prank(marketRisk);
        lending.setPriceIndex(IComputeMarket(address(market)));
        assertEq(address(lending.priceIndex()), address(0), "still off");
    }

    function test_RevertWhen_TheIndexIsANonZeroAddressWithoutCode() external {
        address eoa = makeAddr("not-a-contract");
        vm.expectRevert(abi.encodeWithSelector(IComputeLending.Lending_InvalidPriceIndex.selector, eoa));
        vm.prank(risk);
        lending.setPriceIndex(IComputeMarket(eoa));
    }

    function test_When_TheIndexIsTheZeroAddress() external {
        index.set(1e6, uint40(block.timestamp), 1e6);
        vm.prank(risk);
        lending.setPriceIndex(IComputeMarket(address(index)));
        assertLt(lending.maxPrincipal(lotId, PLEDGE_UNITS), _referenceCap(PLEDGE_UNITS), "index lowered the cap");

        vm.expectEmit(address(lending));
        emit IComputeLending.PriceIndexSet(address(0));
        vm.prank(risk);
        lending.setPriceIndex(IComputeMarket(address(0)));
        assertEq(address(lending.priceIndex()), address(0), "off");
        assertEq(lending.maxPrincipal(lotId, PLEDGE_UNITS), _referenceCap(PLEDGE_UNITS), "reference-price cap again");
    }

    function test_When_TheIndexIsNeverSet() external view {
        assertEq(address(lending.priceIndex()), address(0), "off by default");
        assertEq(lending.maxPrincipal(lotId, PLEDGE_UNITS), _referenceCap(PLEDGE_UNITS));
    }

    function test_When_TheIndexIsAContract() external {
        uint256 before = _defaultPledge();
        index.set(1e6, uint40(block.timestamp), 1e6); // 1.00 < PRICE (2.50)

        vm.expectEmit(address(lending));
        emit IComputeLending.PriceIndexSet(address(index));
        vm.prank(risk);
        lending.setPriceIndex(IComputeMarket(address(index)));

        assertEq(address(lending.priceIndex()), address(index), "stored");
        assertEq(lending.maxPrincipal(lotId, PLEDGE_UNITS), PLEDGE_UNITS * 1e6 * DEFAULT_LTV / 10_000, "follows");
        IComputeLending.Pledge memory p = lending.pledge(before);
        assertEq(p.principal, PRINCIPAL, "earlier request unchanged");
        _assertStatus(before, IComputeLending.PledgeStatus.Requested);
    }

    function test_When_ARequestMadeAboveTheNewCapIsFunded() external {
        uint256 pledgeId = _defaultPledge(); // PRINCIPAL = 100e6, within the reference-price cap of 125e6
        index.set(1e6, uint40(block.timestamp), 1e6); // the new cap for 100 units: 50e6
        vm.prank(risk);
        lending.setPriceIndex(IComputeMarket(address(index)));
        assertLt(lending.maxPrincipal(lotId, PLEDGE_UNITS), PRINCIPAL, "now above the cap");

        vm.prank(lender);
        lending.fundPledge(pledgeId);
        _assertStatus(pledgeId, IComputeLending.PledgeStatus.Active);
        assertEq(escrow.claimable(alice, address(usdc)), PRINCIPAL, "principal credited");
    }
}
