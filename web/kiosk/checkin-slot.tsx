// The home screen's place for "预约签到 / Check in a booking" (issue 6 fills it). The layout
// keeps the room for it beside the help line; until then it shows nothing.
export function CheckinSlot(_props: { hallId: string }) {
  return null;
}
