// The bench halls' time zone, shared by the server-side setup and the load process.
export const TIMEZONE = 'Asia/Shanghai';
