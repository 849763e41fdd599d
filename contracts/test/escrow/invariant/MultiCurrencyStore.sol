// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice The ghosts of the multi-currency invariant suite: the lots and the currency each was issued in, credits
/// and withdrawals per (account, currency), stablecoin sent to the escrow outside the flows per currency, the pledges
/// and redemptions created, how often each flow ran per currency, and the flags an action raises when the escrow did
/// something it must not. Written only by `MultiCurrencyHandler`; deployed by the test, never a target.
contract MultiCurrencyStore {
    uint256[] public lotIds;
    mapping(uint256 lotId => address) public ghost_lotCurrency;

    uint256[] public pledgeIds;
    uint256[] public redemptionIds;

    mapping(address account => mapping(address currency => uint256)) public ghost_credited;
    mapping(address account => mapping(address currency => uint256)) public ghost_withdrawn;
    /// @dev Sent to the escrow outside every flow (owed to no one), per currency.
    mapping(address currency => uint256) public ghost_donated;

    /// @dev How many times a flow succeeded (or was refused as it must be), per flow and currency.
    mapping(bytes32 flow => mapping(address currency => uint256)) public flowsIn;
    /// @dev How many times a flow ran on a lot whose currency was no longer accepted at the time.
    mapping(bytes32 flow => uint256) public refusedCurrencyFlows;

    /// @dev Raised when a credit crossed currencies (an attack or an order in the wrong currency went through, or a
    /// withdrawal paid in another currency than asked).
    bool public flag_crossCredit;

    function pushLot(uint256 lotId, address currency) external {
        lotIds.push(lotId);
        ghost_lotCurrency[lotId] = currency;
    }

    function pushPledge(uint256 pledgeId) external {
        pledgeIds.push(pledgeId);
    }

    function pushRedemption(uint256 redemptionId) external {
        redemptionIds.push(redemptionId);
    }

    function addCredit(address account, address currency, uint256 amount) external {
        ghost_credited[account][currency] += amount;
    }

    function addWithdrawal(address account, address currency, uint256 amount) external {
        ghost_withdrawn[account][currency] += amount;
    }

    function addDonation(address currency, uint256 amount) external {
        ghost_donated[currency] += amount;
    }

    function countFlow(bytes32 flow, address currency, bool currencyRefused) external {
        flowsIn[flow][currency]++;
        if (currencyRefused) refusedCurrencyFlows[flow]++;
    }

    function flagCrossCredit() external {
        flag_crossCredit = true;
    }

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    function lotCount() external view returns (uint256) {
        return lotIds.length;
    }

    function pledgeCount() external view returns (uint256) {
        return pledgeIds.length;
    }

    function redemptionCount() external view returns (uint256) {
        return redemptionIds.length;
    }

    function allLots() external view returns (uint256[] memory) {
        return lotIds;
    }

    /// @dev What `account` is owed in `currency` by the ghosts: credited minus withdrawn.
    function owed(address account, address currency) external view returns (uint256) {
        return ghost_credited[account][currency] - ghost_withdrawn[account][currency];
    }
}
